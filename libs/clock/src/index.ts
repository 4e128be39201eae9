export { type Clock, CLOCK, SystemClock, ManualClock } from './clock';
export { ClockModule } from './clock.module';
