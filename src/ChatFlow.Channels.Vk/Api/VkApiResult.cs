using System.Text.Json;

namespace ChatFlow.Channels.Vk.Api;

/// <summary>A method's answer: its <c>response</c>, or the <c>error</c> VK sent with HTTP 200.</summary>
internal readonly record struct VkApiResult(JsonElement Response, VkErrorBody? Error)
{
    public bool IsError => Error is not null;

    public string Describe() => Error is { } e ? $"VK error {e.ErrorCode}: {e.ErrorMsg}" : "ok";
}
