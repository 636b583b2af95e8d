// The import pipeline, bytes → validated rows: format detection, streaming readers, header
// profiles, row validation, and the rejects file. Storing the rows is the store's job.
export * from './types.js';
export { detectFormat } from './format.js';
export { detectEncoding, checkEncoding, SNIFF_BYTES } from './encoding.js';
export {
  openImport,
  readRecords,
  open311Values,
  open311Type,
  OPEN311_HEADERS,
  HEADER_SEARCH_ROWS,
  HEADER_MIN_KNOWN,
  type ReadInput,
  type ImportSource,
} from './read.js';
export {
  defaultProfile,
  loadProfile,
  mapHeaders,
  headerIssues,
  normalizeHeader,
  countKnownHeaders,
  type Profile,
  type ProfileError,
  type HeaderMapping,
} from './profile.js';
export {
  validateRecord,
  newValidateContext,
  normalizePhone,
  MAX_NO_LENGTH,
  type ValidateContext,
  type ValidateResult,
} from './validate.js';
export { writeRejectsCsv, formatIssue, csvField, rejectValues, RejectsSpool, type Reject, type Translate } from './rejects.js';
