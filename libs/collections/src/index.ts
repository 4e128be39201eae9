export { setBounded } from './bounded-map';
