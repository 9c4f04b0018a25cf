using ChatFlow.Testing;

namespace ChatFlow.Tests.Testing;

public sealed class RecordingDispatcherTests
{
    private static IncomingMessage Text(string text) => new(new ConversationAddress(ChannelId.Test, "1"), new ChatUser("1"), new TextContent(text));

    [Fact]
    public async Task WaitForAsync_MessageAlreadyRecordedOrArrivingLater_Completes()
    {
        var dispatcher = new RecordingDispatcher();
        await dispatcher.EnqueueAsync(Text("one"));

        Assert.Equal("one", (await dispatcher.WaitForAsync(m => m.Text == "one", CancellationToken.None)).Text);
        var later = dispatcher.WaitForAsync(m => m.Text == "two", CancellationToken.None);
        Assert.False(later.IsCompleted);
        await dispatcher.DispatchAsync(Text("two"));
        Assert.Equal("two", (await later).Text);
        Assert.Equal(["one", "two"], dispatcher.Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task WaitForAsync_NothingArrives_IsCancelled()
    {
        var dispatcher = new RecordingDispatcher();
        using var cancel = new CancellationTokenSource();
        var waiting = dispatcher.WaitForAsync(_ => true, cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public async Task Refusal_ThrowsInsteadOfRecording_UntilCleared()
    {
        var dispatcher = new RecordingDispatcher { Refusal = new ObjectDisposedException("bot") };
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await dispatcher.EnqueueAsync(Text("lost")));
        Assert.Empty(dispatcher.Messages);

        dispatcher.Refusal = null;
        await dispatcher.EnqueueAsync(Text("kept"));
        Assert.Equal("kept", Assert.Single(dispatcher.Messages).Text);
    }
}
