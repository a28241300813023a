/** The files a drop or paste carries (not the text or links it may carry too). */
export function dataTransferFiles(data: DataTransfer | null): File[] {
  return data ? [...data.files] : [];
}

export function carriesFiles(data: DataTransfer | null): boolean {
  return data !== null && [...data.types].includes('Files');
}
