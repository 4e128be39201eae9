export { Clock, CLOCK, SystemClock, ManualClock } from './clock';
export { ClockModule } from './clock.module';
