using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace ChatFlow.Channels.WebChat.Tests;

/// <summary>Reads a web chat event stream over plain HTTP, as the browser's EventSource would.</summary>
internal sealed class SseReader : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private SseReader(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public sealed record Event(string? Id, string Type, JsonNode Data);

    public static async Task<SseReader> OpenAsync(HttpClient client, string token, long? after = null, long? lastEventId = null, string basePath = "/webchat")
    {
        var url = basePath + "/api/events?access_token=" + Uri.EscapeDataString(token) + (after is null ? string.Empty : "&after=" + after);
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return new SseReader(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    /// <summary>Reads events until <paramref name="until"/> holds for one; fails after a bounded wait.</summary>
    public async Task<List<Event>> ReadUntilAsync(Func<Event, bool> until, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        var events = new List<Event>();
        string? id = null;
        var type = "message";
        var data = new List<string>();
        try
        {
            while (true)
            {
                var line = await _reader.ReadLineAsync(cts.Token) ?? throw new InvalidOperationException("The event stream ended.");
                if (line.Length == 0)
                {
                    if (data.Count > 0)
                    {
                        var e = new Event(id, type, JsonNode.Parse(string.Join('\n', data))!);
                        events.Add(e);
                        if (until(e))
                        {
                            return events;
                        }
                    }

                    id = null;
                    type = "message";
                    data.Clear();
                }
                else if (line.StartsWith("id: ", StringComparison.Ordinal))
                {
                    id = line[4..];
                }
                else if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    type = line[7..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data.Add(line[6..]);
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("The expected event did not arrive in time; got: " + string.Join(" | ", events.Select(e => e.Data.ToJsonString())));
        }
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        await Task.CompletedTask;
    }
}
