export { startMoto, resetMoto, freePort, MotoUnavailableError, MOTO_INSTALL_HINT } from './moto';
export type { MotoServer } from './moto';
export { awsTestConfig, uniqueName } from './aws-config';
export { createTableLike } from './tables';
