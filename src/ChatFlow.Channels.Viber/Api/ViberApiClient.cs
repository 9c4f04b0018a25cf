using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ChatFlow.Channels.Viber;

/// <summary>
/// A small client for the Viber REST Bot API: posts JSON with the <c>X-Viber-Auth-Token</c> header
/// and reads the numeric <c>status</c> Viber answers with (HTTP 200 even for errors). Never throws
/// for transport failures; they come back as <see cref="ApiCall.TransportError"/>. The token is
/// only ever put in the header, never in a message.
/// </summary>
internal sealed class ViberApiClient(Func<HttpClient> httpClient, ViberOptions options, TimeProvider timeProvider)
{
    public const string AuthHeader = "X-Viber-Auth-Token";
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };
    private readonly Uri _base = options.ApiBaseUrl.AbsoluteUri.EndsWith('/') ? options.ApiBaseUrl : new Uri(options.ApiBaseUrl.AbsoluteUri + "/");

    /// <summary>Serializes a request body as Viber gets it (compact UTF-8).</summary>
    public static byte[] Serialize<T>(T body, JsonTypeInfo<T> typeInfo) => JsonSerializer.SerializeToUtf8Bytes(body, typeInfo);

    public Task<ApiCall> CallAsync<T>(string method, T body, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken) =>
        PostAsync(method, Serialize(body, typeInfo), cancellationToken);

    /// <summary>Posts an already serialized body to <c>/pa/{method}</c>.</summary>
    public async Task<ApiCall> PostAsync(string method, byte[] body, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.RequestTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_base, method));
        request.Headers.TryAddWithoutValidation(AuthHeader, options.AuthToken);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = Json;
        try
        {
            using var response = await httpClient().SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return new ApiCall(null, "HTTP 429 from Viber", response.Headers.RetryAfter?.Delta);
            }

            if (response.StatusCode != HttpStatusCode.OK)
            {
                return new ApiCall(null, $"HTTP {(int)response.StatusCode} from Viber's {method}");
            }

            var bytes = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
            var parsed = TryParse(bytes);
            return parsed is { Status: not null }
                ? new ApiCall(parsed)
                : new ApiCall(null, $"Viber's {method} answered with a body that is not a Viber response");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ApiCall(null, $"Viber's {method} did not answer within {options.RequestTimeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException ex)
        {
            return new ApiCall(null, $"Viber's {method} could not be reached: {ex.Message}");
        }
    }

    /// <summary>Asks a media server for a file's size (Viber needs it for files and videos); null when it does not say.</summary>
    public async Task<long?> GetContentLengthAsync(string url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return null;
        }

        using var timeout = new CancellationTokenSource(options.RequestTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var request = new HttpRequestMessage(HttpMethod.Head, uri);
        try
        {
            using var response = await httpClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? response.Content.Headers.ContentLength : null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static ApiResponse? TryParse(byte[] bytes)
    {
        try
        {
            return JsonSerializer.Deserialize(bytes, ViberJsonContext.Default.ApiResponse);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
