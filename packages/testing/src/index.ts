export { startMoto, resetMoto, freePort, MotoUnavailableError, MOTO_INSTALL_HINT } from './moto';
export type { MotoServer } from './moto';
export { emulatorPython, resolveEmulatorPython, PINNED_MOTO } from './emulator-python';
export type { EmulatorSetupPorts, EmulatorLayout, ProbeResult } from './emulator-python';
export { awsTestConfig, uniqueName } from './aws-config';
export { createTableLike } from './tables';
