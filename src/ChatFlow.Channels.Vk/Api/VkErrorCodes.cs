namespace ChatFlow.Channels.Vk.Api;

/// <summary>The VK API error codes the channel treats specially.</summary>
internal static class VkErrorCodes
{
    public const int AuthorizationFailed = 5;
    public const int TooManyRequests = 6;
    public const int FloodControl = 9;
    public const int InternalError = 10;
    public const int Blacklisted = 900;
    public const int NoPermission = 901;
    public const int PrivacySettings = 902;
    public const int KeyboardInvalid = 911;
    public const int MessageTooLong = 914;

    public static bool IsUnreachable(int code) => code is Blacklisted or NoPermission or PrivacySettings;

    public static bool IsTransient(int code) => code is TooManyRequests or InternalError or FloodControl;
}
