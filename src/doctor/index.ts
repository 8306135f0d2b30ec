// `tillpoint doctor` and Utilities > Doctor: read-only checks of one store folder.
export { DOCTOR_CHECKS, runDoctor, type DoctorOptions, type DoctorReport } from './run.js';
export { checkLines, STATUS_WORD, summaryLine } from './format.js';
export type { CheckResult, CheckStatus, DoctorCheck } from './types.js';
