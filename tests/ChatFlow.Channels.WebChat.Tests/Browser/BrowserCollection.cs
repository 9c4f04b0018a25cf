namespace ChatFlow.Channels.WebChat.Tests.Browser;

/// <summary>The browser tests share one Chromium and run one after another (CI has two cores).</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
