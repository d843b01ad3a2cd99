export * from './kafka';
export * from './new-event';
export * from './publisher';
export * from './outbox';
export * from './consumer';
export * from './apply-if-newer';
export * from './document-lock';
export * from './aggregate-store';
