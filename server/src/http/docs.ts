/**
 * `GET /api/docs/:name`: the document as JSON through the shared schema, for the holder of a token
 * that may open it (the same rules as connecting).
 */
import { authorizeDocument } from '../auth/access.ts';
import type { TokenService } from '../auth/tokens.ts';
import { withDocument, type DocumentSource } from '../documents/read.ts';
import type { AdmissionCheck } from '../extensions/authentication.ts';
import { viewDocument } from '@concord/shared';

export interface DocsRouteDeps extends DocumentSource {
  tokens: TokenService;
  admissionChecks: readonly AdmissionCheck[];
}

export async function getDocumentJson(deps: DocsRouteDeps, token: string | undefined, rawName: string): Promise<unknown> {
  const identity = await deps.tokens.verify(token);
  const access = authorizeDocument(identity, rawName);
  for (const check of deps.admissionChecks) if (check.appliesToHttp) await check.admit(identity, access, rawName);
  return withDocument(deps, rawName, (doc) => viewDocument(access.doc.kind, doc));
}
