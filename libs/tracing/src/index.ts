export { activeTraceContext, contextFrom, type TraceContext } from './trace-context';
export { inSpan, SpanKind, type SpanOptions } from './spans';
