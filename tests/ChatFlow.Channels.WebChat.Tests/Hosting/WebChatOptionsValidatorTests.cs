using ChatFlow.Channels.WebChat.Hosting;

namespace ChatFlow.Channels.WebChat.Tests.Hosting;

public sealed class WebChatOptionsValidatorTests
{
    private static WebChatOptions Valid() => new() { SigningKey = WebChatHost.Key };

    [Fact]
    public void Validate_Defaults_WithKey_Succeeds()
    {
        Assert.True(new WebChatOptionsValidator().Validate(null, Valid()).Succeeded);
    }

    [Theory]
    [InlineData("short-key", "/webchat", "SigningKey")]
    [InlineData(WebChatHost.Key, "webchat", "BasePath")]
    [InlineData(WebChatHost.Key, "/webchat/", "BasePath")]
    public void Validate_BadSetting_FailsNamingItWithoutTheKey(string key, string basePath, string named)
    {
        var options = Valid();
        options.SigningKey = key;
        options.BasePath = basePath;

        var result = new WebChatOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(named, result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(key, result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5, false)]
    [InlineData(6, true)]
    public void Validate_MaxMessageLength_AtLeastTheWidgetsFirstMessage(int length, bool valid)
    {
        var options = Valid();
        options.MaxMessageLength = length;

        var result = new WebChatOptionsValidator().Validate(null, options);

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("/start", Assert.Single(result.Failures!), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Validate_NonPositiveLimits_Fail()
    {
        var options = Valid();
        options.MaxMessageLength = 0;
        options.MaxMessagesPerWindow = 0;
        options.HistoryLimit = 0;
        options.HeartbeatInterval = TimeSpan.Zero;

        var result = new WebChatOptionsValidator().Validate(null, options);

        Assert.Equal(4, result.Failures!.Count());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Validate_NonPositiveMaxNewVisitorsPerMinute_Fails(int value)
    {
        var options = Valid();
        options.MaxNewVisitorsPerMinute = value;

        var result = new WebChatOptionsValidator().Validate(null, options);

        Assert.Contains("MaxNewVisitorsPerMinute", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }
}
