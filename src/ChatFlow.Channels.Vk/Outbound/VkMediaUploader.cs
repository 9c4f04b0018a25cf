using System.Collections.Concurrent;
using System.Globalization;
using ChatFlow.Channels.Vk.Api;

namespace ChatFlow.Channels.Vk.Outbound;

/// <summary>
/// Turns outgoing media into VK attachment strings: an existing reference as it is, a URL or a stream
/// uploaded (upload server → upload → save). Uploads made for a delivery are remembered by its
/// idempotency key, so a retried send does not upload again.
/// </summary>
internal sealed class VkMediaUploader(VkApiClient api)
{
    private const int MaxRemembered = 1024;
    private readonly ConcurrentDictionary<string, string> _uploaded = new(StringComparer.Ordinal);

    public async Task<string> ResolveAsync(MediaAttachment media, long peerId, string idempotencyKey, CancellationToken cancellationToken)
    {
        if (media.IsFileReference)
        {
            return media.Source;
        }

        if (_uploaded.TryGetValue(idempotencyKey, out var known))
        {
            return known;
        }

        if (!Uri.TryCreate(media.Source, UriKind.Absolute, out var url))
        {
            throw new VkApiException("The media source is neither an absolute URL nor a file reference");
        }

        var bytes = await api.GetAsync(url, api.Options.RequestTimeout, "media download", cancellationToken).ConfigureAwait(false);
        var name = media.FileName ?? FileNameOf(url, media.Kind);
        using var content = new MemoryStream(bytes, writable: false);
        var attachment = media.Kind == MediaKind.Photo
            ? await UploadPhotoAsync(peerId, content, name, cancellationToken).ConfigureAwait(false)
            : await UploadDocumentAsync(peerId, content, name, media.Kind == MediaKind.Voice ? "audio_message" : "doc", cancellationToken).ConfigureAwait(false);
        if (_uploaded.Count >= MaxRemembered)
        {
            _uploaded.Clear();
        }

        _uploaded[idempotencyKey] = attachment;
        return attachment;
    }

    public async Task<string> UploadPhotoAsync(long peerId, Stream content, string fileName, CancellationToken cancellationToken)
    {
        var server = await api.CallAsync("photos.getMessagesUploadServer", [Field("peer_id", peerId)], VkJsonContext.Default.VkUploadServer, cancellationToken).ConfigureAwait(false);
        var body = await api.UploadAsync(UploadUrl(server), "photo", content, fileName, "photo upload", cancellationToken).ConfigureAwait(false);
        var uploaded = Read(body, VkJsonContext.Default.VkPhotoUpload, "photo upload");
        if (string.IsNullOrEmpty(uploaded.Photo) || uploaded.Photo == "[]")
        {
            throw new VkApiException("The photo upload server accepted no photo");
        }

        var saved = await api.CallAsync(
            "photos.saveMessagesPhoto",
            [new("photo", uploaded.Photo), Field("server", uploaded.Server), new("hash", uploaded.Hash ?? string.Empty)],
            VkJsonContext.Default.VkMediaArray,
            cancellationToken).ConfigureAwait(false);
        return saved.Length == 0 ? throw new VkApiException("photos.saveMessagesPhoto saved nothing") : Attachment("photo", saved[0]);
    }

    public async Task<string> UploadDocumentAsync(long peerId, Stream content, string fileName, string type, CancellationToken cancellationToken)
    {
        var server = await api.CallAsync("docs.getMessagesUploadServer", [Field("peer_id", peerId), new("type", type)], VkJsonContext.Default.VkUploadServer, cancellationToken).ConfigureAwait(false);
        var body = await api.UploadAsync(UploadUrl(server), "file", content, fileName, "document upload", cancellationToken).ConfigureAwait(false);
        var uploaded = Read(body, VkJsonContext.Default.VkDocUpload, "document upload");
        if (string.IsNullOrEmpty(uploaded.File))
        {
            throw new VkApiException("The document upload server accepted no file: " + uploaded.Error);
        }

        var saved = await api.CallAsync("docs.save", [new("file", uploaded.File), new("title", fileName)], VkJsonContext.Default.VkSavedDoc, cancellationToken).ConfigureAwait(false);
        var doc = saved.Doc ?? saved.AudioMessage ?? throw new VkApiException("docs.save saved nothing");
        return Attachment("doc", doc);
    }

    public static string Attachment(string type, VkMedia media) =>
        string.IsNullOrEmpty(media.AccessKey)
            ? string.Create(CultureInfo.InvariantCulture, $"{type}{media.OwnerId}_{media.Id}")
            : string.Create(CultureInfo.InvariantCulture, $"{type}{media.OwnerId}_{media.Id}_{media.AccessKey}");

    private static KeyValuePair<string, string> Field(string name, long value) => new(name, value.ToString(CultureInfo.InvariantCulture));

    private static Uri UploadUrl(VkUploadServer server) =>
        Uri.TryCreate(server.UploadUrl, UriKind.Absolute, out var url) ? url : throw new VkApiException("VK gave no upload address");

    private static T Read<T>(byte[] body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string what)
    {
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize(body, type) ?? throw new VkApiException(what + " answered nothing");
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new VkApiException(what + " answered with malformed JSON", ex);
        }
    }

    private static string FileNameOf(Uri url, MediaKind kind)
    {
        var last = url.Segments.Length > 0 ? Uri.UnescapeDataString(url.Segments[^1]).Trim('/') : string.Empty;
        return last.Length > 0 ? last : kind == MediaKind.Photo ? "photo.jpg" : "file";
    }
}
