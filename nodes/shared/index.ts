export * from './transport/types';
export * from './transport/request';
export * from './transport/paginate';
export * from './transport/errors';
export * from './transport/pacer';
export * from './transport/retry';
export * from './polling/cursor';
