export { InMemoryRecipientDirectory, InMemoryDeliveryLedger, InMemoryQueueOps } from './in-memory-ports';
export type { InMemoryDelivery, DeadLetteredMessage } from './in-memory-ports';
export { createFakePlugin } from './fake-plugin';
export type { FakePlugin, FakeSendBehaviour } from './fake-plugin';
export { InMemoryDeliveryReports } from '../delivery-reports/in-memory-delivery-reports';
