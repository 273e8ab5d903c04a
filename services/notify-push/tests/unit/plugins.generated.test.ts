import path from 'node:path';
import { describeNotifierBundle } from '@bank/plugin-sdk/testing';

describeNotifierBundle({ serviceDir: path.join(__dirname, '..', '..') });
