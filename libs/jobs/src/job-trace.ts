import { activeTraceContext, TraceContext } from '@app/tracing';

/** The field of a job's data that carries the trace of the work that scheduled it. */
const TRACE_FIELD = 'traceContext';

/** `data` with the active trace context, so the job's run continues that trace; as is untraced. */
export function withTraceContext<T extends object>(data: T): T {
  const trace = activeTraceContext();
  return trace.traceparent ? { ...data, [TRACE_FIELD]: trace } : data;
}

/** The handler's data, and the trace context it was scheduled in (if any). */
export function takeTraceContext(data: object): { payload: object; trace?: TraceContext } {
  if (!(TRACE_FIELD in data)) return { payload: data };
  const { [TRACE_FIELD]: trace, ...payload } = data as Record<string, unknown>;
  return { payload, trace: trace as TraceContext };
}
