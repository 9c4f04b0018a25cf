using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ShopBot;

/// <summary>Keeps leads in memory and logs them; stands in for a CRM.</summary>
public sealed partial class InMemoryLeadSink(ILogger<InMemoryLeadSink> logger) : ILeadSink
{
    private readonly ConcurrentQueue<Lead> _leads = new();

    /// <summary>Gets the leads received so far.</summary>
    public IReadOnlyCollection<Lead> Leads => _leads;

    /// <inheritdoc />
    public ValueTask SendAsync(Lead lead, CancellationToken cancellationToken)
    {
        _leads.Enqueue(lead);
        LogLead(logger, lead.Name);
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(1, LogLevel.Information, "New lead for sales: {Name}")]
    private static partial void LogLead(ILogger logger, string name);
}
