export { setBounded } from './bounded-map';
export { deepFreeze } from './deep-freeze';
