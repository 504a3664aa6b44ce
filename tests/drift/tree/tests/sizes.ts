export const MAX_SIZE = 1048576;
const TIMEOUT = 86400;
export const Limits = { port: 18765, size: 4096 };
