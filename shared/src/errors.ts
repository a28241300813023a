/**
 * The one error class mutators throw when asked for something the model forbids. Reads never throw.
 */
export type ModelErrorCode =
  | 'invalid-input'
  | 'not-found'
  | 'invalid-status-move'
  | 'invalid-value'
  | 'unknown-field'
  | 'not-a-text-field'
  | 'message-deleted'
  | 'dm-unavailable'
  | 'dm-left';

export class ModelError extends Error {
  readonly code: ModelErrorCode;

  constructor(code: ModelErrorCode, message: string) {
    super(message);
    this.name = 'ModelError';
    this.code = code;
  }
}

export function isModelError(error: unknown): error is ModelError {
  return error instanceof ModelError;
}
