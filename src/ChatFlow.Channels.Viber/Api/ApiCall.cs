namespace ChatFlow.Channels.Viber;

/// <summary>The outcome of one Viber API call: Viber's answer, or why there was none.</summary>
/// <param name="Response">Viber's answer; null when the call failed in transport (network, timeout, HTTP error, malformed body).</param>
/// <param name="TransportError">Why there was no answer.</param>
/// <param name="RetryAfter">How long an HTTP 429 asked to wait.</param>
internal readonly record struct ApiCall(ApiResponse? Response, string? TransportError = null, TimeSpan? RetryAfter = null)
{
    public int Status => Response?.Status ?? -1;

    public bool IsOk => Response is { Status: ViberStatus.Ok };

    public string Describe() => Response is { } r ? ViberStatus.Describe(r.Status ?? -1, r.StatusMessage) : TransportError ?? "no answer";
}
