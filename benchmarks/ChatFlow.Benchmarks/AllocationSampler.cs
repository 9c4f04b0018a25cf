using System.Diagnostics.Tracing;

namespace ChatFlow.Benchmarks;

/// <summary>Samples allocations by type through the runtime's AllocationTick events (about one per 100 KB).</summary>
internal sealed class AllocationSampler : EventListener
{
    private readonly Dictionary<string, int> _counts = [];
    private readonly Lock _gate = new();

    public IReadOnlyDictionary<string, int> Counts
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, int>(_counts);
            }
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName != "GCAllocationTick_V4" || eventData.Payload is null)
        {
            return;
        }

        var index = eventData.PayloadNames!.IndexOf("TypeName");
        var name = index >= 0 ? eventData.Payload[index] as string ?? "?" : "?";
        lock (_gate)
        {
            _counts[name] = _counts.GetValueOrDefault(name) + 1;
        }
    }
}
