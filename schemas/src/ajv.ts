/**
 * The one Ajv instance of the process. Every schema is compiled on it once, at module load,
 * by request-validators.ts and event-validators.ts (never per call). It stops at the first
 * error: inputs are untrusted, and collecting every error of a large body costs time and makes
 * an unbounded response.
 */
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

export const ajv = new Ajv2020({ allErrors: false, strict: true });
addFormats(ajv, ['email', 'date-time']);
