using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ChatFlow.Channels.Vk.Api;

/// <summary>
/// The small VK API client the channel needs: form-encoded method calls (VK does not accept JSON
/// bodies) paced to the token's rate limit, plain GETs for Long Poll and downloads, and multipart
/// uploads. The token travels in the form body, never in a URL, a log or an exception message.
/// </summary>
internal sealed class VkApiClient : IDisposable
{
    private readonly Func<HttpClient> _http;
    private readonly RequestPacer _pacer;
    private readonly Uri _baseUrl;

    public VkApiClient(VkOptions options, Func<HttpClient> http, TimeProvider time)
    {
        Options = options;
        Time = time;
        _http = http;
        _pacer = new RequestPacer(options.RequestsPerSecond, time);
        var text = options.ApiBaseUrl.ToString();
        _baseUrl = text.EndsWith('/') ? options.ApiBaseUrl : new Uri(text + "/");
    }

    public VkOptions Options { get; }

    public TimeProvider Time { get; }

    public static T Read<T>(JsonElement element, JsonTypeInfo<T> type, string what)
    {
        try
        {
            return element.Deserialize(type) ?? throw new VkApiException($"{what}: the answer is empty");
        }
        catch (JsonException ex)
        {
            throw new VkApiException($"{what}: the answer has an unexpected shape", ex);
        }
    }

    /// <summary>Calls an API method with form fields; <c>access_token</c> and <c>v</c> are added.</summary>
    public async Task<VkApiResult> CallAsync(string method, IEnumerable<KeyValuePair<string, string>> fields, CancellationToken cancellationToken)
    {
        await _pacer.WaitAsync(cancellationToken).ConfigureAwait(false);
        var all = new List<KeyValuePair<string, string>>
        {
            new("access_token", Options.AccessToken),
            new("v", Options.ApiVersion),
        };
        all.AddRange(fields);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_baseUrl, method)) { Content = new FormUrlEncodedContent(all) };
        var body = await SendAsync(request, Options.RequestTimeout, method, cancellationToken).ConfigureAwait(false);
        return Parse(body, method);
    }

    /// <summary>Calls a method and returns its response, or throws <see cref="VkApiException"/> for an API error.</summary>
    public async Task<T> CallAsync<T>(string method, IEnumerable<KeyValuePair<string, string>> fields, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        var result = await CallAsync(method, fields, cancellationToken).ConfigureAwait(false);
        return result.Error is { } error ? throw new VkApiException($"{method}: VK error {error.ErrorCode}: {error.ErrorMsg}", error.ErrorCode) : Read(result.Response, type, method);
    }

    /// <summary>A GET whose whole body is returned (Long Poll, downloads).</summary>
    public async Task<byte[]> GetAsync(Uri uri, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        return await SendAsync(request, timeout, what, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Posts a file as <c>multipart/form-data</c> to an upload server.</summary>
    public async Task<byte[]> UploadAsync(Uri uploadUrl, string field, Stream content, string fileName, string what, CancellationToken cancellationToken)
    {
        using var form = new MultipartFormDataContent();
        var file = new StreamContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, field, fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, uploadUrl) { Content = form };
        return await SendAsync(request, Options.RequestTimeout, what, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _pacer.Dispose();

    private static VkApiResult Parse(byte[] body, string method)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            throw new VkApiException($"{method} answered with malformed JSON", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
                {
                    return new VkApiResult(default, Read(error, VkJsonContext.Default.VkErrorBody, method));
                }

                if (root.TryGetProperty("response", out var response))
                {
                    return new VkApiResult(response.Clone(), null);
                }
            }

            throw new VkApiException($"{method} answered without a response or an error");
        }
    }

    private async Task<byte[]> SendAsync(HttpRequestMessage request, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        using var timeoutSource = new CancellationTokenSource(timeout, Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            using var response = await _http().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new VkApiException($"{what} answered HTTP {(int)response.StatusCode}");
            }

            return await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new VkApiException($"{what} got no answer within {timeout}", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new VkApiException($"{what} failed: {ex.HttpRequestError}", ex);
        }
    }
}
