using ChatFlow.Channels.Vk.Tests.Fakes;

namespace ChatFlow.Channels.Vk.Tests.Outbound;

public sealed class VkChannelSendTests
{
    private static string Error(int code, string message) =>
        $"{{\"error\":{{\"error_code\":{code},\"error_msg\":\"{message}\",\"request_params\":[]}}}}";

    [Fact]
    public async Task SendAsync_Text_PostsFormWithTokenInBodyNeverInUrl()
    {
        await using var vk = await VkTestContext.StartAsync();
        var result = await vk.Channel.SendAsync(VkTestContext.Delivery("Hello, Анна!"), default);

        Assert.Equal(DeliveryStatus.Sent, result.Status);
        Assert.Equal("3001", result.MessageId);
        var call = Assert.Single(vk.Server.Calls("messages.send"));
        Assert.Equal("POST", call.HttpMethod);
        Assert.Equal("/method/messages.send", call.Path);
        Assert.StartsWith("application/x-www-form-urlencoded", call.ContentType, StringComparison.Ordinal);
        Assert.Empty(call.Query);
        Assert.Equal(VkTestContext.Token, call["access_token"]);
        Assert.Equal("5.199", call["v"]);
        Assert.Equal("512345678", call["peer_id"]);
        Assert.Equal("Hello, Анна!", call["message"]);
        Assert.True(int.Parse(call["random_id"], System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.False(call.Form.ContainsKey("keyboard"));
    }

    [Fact]
    public async Task SendAsync_SameIdempotencyKey_SameRandomIdOtherKeyOtherId()
    {
        await using var vk = await VkTestContext.StartAsync();
        await vk.Channel.SendAsync(VkTestContext.Delivery("one", "vk:1/5/0"), default);
        await vk.Channel.SendAsync(VkTestContext.Delivery("one", "vk:1/5/0"), default);
        await vk.Channel.SendAsync(VkTestContext.Delivery("two", "vk:1/5/1"), default);
        var ids = vk.Server.Calls("messages.send").Select(c => c["random_id"]).ToArray();
        Assert.Equal(ids[0], ids[1]);
        Assert.NotEqual(ids[0], ids[2]);
        Assert.Equal(2, vk.Server.DeliveredCount);
    }

    [Fact]
    public async Task SendAsync_OtherSalt_OtherRandomId()
    {
        await using var one = await VkTestContext.StartAsync(o => o.RandomIdSalt = "process-1");
        await using var two = await VkTestContext.StartAsync(o => o.RandomIdSalt = "process-2");
        await one.Channel.SendAsync(VkTestContext.Delivery("hi", "vk:1/1/0"), default);
        await two.Channel.SendAsync(VkTestContext.Delivery("hi", "vk:1/1/0"), default);
        Assert.NotEqual(one.Server.Calls("messages.send")[0]["random_id"], two.Server.Calls("messages.send")[0]["random_id"]);
    }

    [Theory]
    [InlineData(6, DeliveryStatus.RetryLater)]
    [InlineData(10, DeliveryStatus.RetryLater)]
    [InlineData(9, DeliveryStatus.RetryLater)]
    [InlineData(900, DeliveryStatus.Unreachable)]
    [InlineData(901, DeliveryStatus.Unreachable)]
    [InlineData(902, DeliveryStatus.Unreachable)]
    [InlineData(911, DeliveryStatus.Failed)]
    [InlineData(914, DeliveryStatus.Failed)]
    [InlineData(100, DeliveryStatus.Failed)]
    public async Task SendAsync_ApiError_MapsToDeliveryStatus(int code, DeliveryStatus expected)
    {
        await using var vk = await VkTestContext.StartAsync(o => o.FloodControlDelay = TimeSpan.FromMinutes(3));
        vk.Server.Enqueue("messages.send", Error(code, "Some VK text"));
        var result = await vk.Channel.SendAsync(VkTestContext.Delivery("hi"), default);
        Assert.Equal(expected, result.Status);
        Assert.Contains($"VK error {code}: Some VK text", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(VkTestContext.Token, result.Error, StringComparison.Ordinal);
        Assert.Equal(code == 9 ? TimeSpan.FromMinutes(3) : null, result.RetryAfter);
    }

    [Fact]
    public async Task SendAsync_Error901_RaisesUnreachableLifecycleEvent()
    {
        await using var vk = await VkTestContext.StartAsync();
        vk.Server.Enqueue("messages.send", Fixture.Text("error_901_deny_send.json"));
        var result = await vk.Channel.SendAsync(VkTestContext.Delivery("hi", "vk:512345678/7/0"), default);
        Assert.Equal(DeliveryStatus.Unreachable, result.Status);
        var raised = Assert.Single(vk.Dispatcher.Messages);
        Assert.Equal(LifecycleEvent.Unreachable, Assert.IsType<LifecycleContent>(raised.Content).Event);
        Assert.Equal(new ConversationAddress(ChannelId.Vk, "512345678"), raised.Address);
        Assert.Equal("unreachable:vk:512345678/7/0", raised.UpdateId);
    }

    [Theory]
    [InlineData("{\"response\": 12", 200)]
    [InlineData("<html>Bad gateway</html>", 502)]
    [InlineData("{}", 200)]
    public async Task SendAsync_MalformedOrHttpError_RetriesLaterWithoutToken(string body, int status)
    {
        await using var vk = await VkTestContext.StartAsync();
        vk.Server.Enqueue("messages.send", new FakeReply(body, status));
        var result = await vk.Channel.SendAsync(VkTestContext.Delivery("hi"), default);
        Assert.Equal(DeliveryStatus.RetryLater, result.Status);
        Assert.Null(result.RetryAfter);
        Assert.DoesNotContain(VkTestContext.Token, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_NetworkError_RetriesLater()
    {
        await using var vk = await VkTestContext.StartAsync(o => o.ApiBaseUrl = new Uri("http://127.0.0.1:1/method/"));
        var result = await vk.Channel.SendAsync(VkTestContext.Delivery("hi"), default);
        Assert.Equal(DeliveryStatus.RetryLater, result.Status);
    }

    [Fact]
    public async Task SendAsync_SlowResponse_TimesOutOnTheClockAndRetriesLater()
    {
        await using var vk = await VkTestContext.StartAsync(o => o.RequestTimeout = TimeSpan.FromSeconds(5));
        var hold = new TaskCompletionSource();
        vk.Server.Enqueue("messages.send", new FakeReply("{\"response\":1}") { Hold = hold });
        var sending = vk.Channel.SendAsync(VkTestContext.Delivery("hi"), default).AsTask();
        await vk.Server.WaitForCallsAsync("messages.send", 1);
        Assert.False(sending.IsCompleted);

        vk.Clock.Advance(TimeSpan.FromSeconds(5));
        var result = await sending.WaitAsync(TimeSpan.FromSeconds(10));
        hold.TrySetResult();
        Assert.Equal(DeliveryStatus.RetryLater, result.Status);
        Assert.Contains("no answer", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_MoreThanRateLimit_WaitsForTheNextSecond()
    {
        await using var vk = await VkTestContext.StartAsync(o => o.RequestsPerSecond = 3);
        var first = Enumerable.Range(0, 3).Select(i => vk.Channel.SendAsync(VkTestContext.Delivery("m" + i, "k" + i), default).AsTask()).ToArray();
        await Task.WhenAll(first).WaitAsync(TimeSpan.FromSeconds(10));
        var fourth = vk.Channel.SendAsync(VkTestContext.Delivery("m3", "k3"), default).AsTask();
        Assert.False(fourth.IsCompleted);
        Assert.Equal(3, vk.Server.Calls("messages.send").Count);

        vk.Clock.Advance(TimeSpan.FromSeconds(1));
        var result = await fourth.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(DeliveryStatus.Sent, result.Status);
        Assert.Equal(4, vk.Server.Calls("messages.send").Count);
    }

    [Fact]
    public async Task SendAsync_FileReference_SendsAttachmentWithCaption()
    {
        await using var vk = await VkTestContext.StartAsync();
        var message = new OutgoingMessage("Our menu") { Media = MediaAttachment.FromFileReference(MediaKind.Photo, "photo-229876543_457239017") };
        await vk.Channel.SendAsync(VkTestContext.Delivery(message), default);
        var call = Assert.Single(vk.Server.Calls("messages.send"));
        Assert.Equal("photo-229876543_457239017", call["attachment"]);
        Assert.Equal("Our menu", call["message"]);
    }

    [Fact]
    public async Task SendAsync_StickerReference_SendsStickerId()
    {
        await using var vk = await VkTestContext.StartAsync();
        var message = new OutgoingMessage((string?)null) { Media = MediaAttachment.FromFileReference(MediaKind.Sticker, "9012") };
        await vk.Channel.SendAsync(VkTestContext.Delivery(message), default);
        var call = Assert.Single(vk.Server.Calls("messages.send"));
        Assert.Equal("9012", call["sticker_id"]);
        Assert.False(call.Form.ContainsKey("message"));
    }

    [Fact]
    public async Task SendAsync_PhotoUrl_DownloadsUploadsSavesAndAttaches()
    {
        await using var vk = await VkTestContext.StartAsync();
        var message = new OutgoingMessage("Look") { Media = MediaAttachment.PhotoFromUrl(vk.Server.BaseUrl + "files/mug.jpg") };
        var result = await vk.Channel.SendAsync(VkTestContext.Delivery(message), default);

        Assert.Equal(DeliveryStatus.Sent, result.Status);
        Assert.Equal(
            ["/files/mug.jpg", "/method/photos.getMessagesUploadServer", "/upload/photo", "/method/photos.saveMessagesPhoto", "/method/messages.send"],
            vk.Server.Requests.Select(r => r.Path).ToArray());
        Assert.Equal("512345678", vk.Server.Calls("photos.getMessagesUploadServer")[0]["peer_id"]);
        var upload = vk.Server.Requests.Single(r => r.Path == "/upload/photo");
        Assert.StartsWith("multipart/form-data", upload.ContentType, StringComparison.Ordinal);
        var multipart = System.Text.Encoding.UTF8.GetString(upload.Body);
        Assert.Contains("name=photo", multipart, StringComparison.Ordinal);
        Assert.Contains("filename=mug.jpg", multipart, StringComparison.Ordinal);
        Assert.Contains("FAKE-FILE-BYTES", multipart, StringComparison.Ordinal);
        var save = Assert.Single(vk.Server.Calls("photos.saveMessagesPhoto"));
        Assert.Equal("852241", save["server"]);
        Assert.Equal("f00d", save["hash"]);
        Assert.Equal("photo-229876543_457239017_ab12cd", vk.Server.Calls("messages.send")[0]["attachment"]);
    }

    [Fact]
    public async Task SendAsync_DocumentUrl_UploadsAsDocument()
    {
        await using var vk = await VkTestContext.StartAsync();
        var message = new OutgoingMessage("Prices") { Media = MediaAttachment.DocumentFromUrl(vk.Server.BaseUrl + "files/list", "price.pdf") };
        await vk.Channel.SendAsync(VkTestContext.Delivery(message), default);
        Assert.Equal("doc", vk.Server.Calls("docs.getMessagesUploadServer")[0]["type"]);
        Assert.Contains("name=file", System.Text.Encoding.UTF8.GetString(vk.Server.Requests.Single(r => r.Path == "/upload/doc").Body), StringComparison.Ordinal);
        Assert.Equal("price.pdf", vk.Server.Calls("docs.save")[0]["title"]);
        Assert.Equal("doc-229876543_680012345", vk.Server.Calls("messages.send")[0]["attachment"]);
    }

    [Fact]
    public async Task SendAsync_RetryAfterUpload_DoesNotUploadAgain()
    {
        await using var vk = await VkTestContext.StartAsync();
        vk.Server.Enqueue("messages.send", Error(10, "Internal server error"));
        var message = new OutgoingMessage("Look") { Media = MediaAttachment.PhotoFromUrl(vk.Server.BaseUrl + "files/mug.jpg") };
        Assert.Equal(DeliveryStatus.RetryLater, (await vk.Channel.SendAsync(VkTestContext.Delivery(message), default)).Status);
        Assert.Equal(DeliveryStatus.Sent, (await vk.Channel.SendAsync(VkTestContext.Delivery(message), default)).Status);
        Assert.Single(vk.Server.Requests, r => r.Path == "/upload/photo");
        var sends = vk.Server.Calls("messages.send");
        Assert.Equal(2, sends.Count);
        Assert.Equal(sends[0]["attachment"], sends[1]["attachment"]);
        Assert.Equal(sends[0]["random_id"], sends[1]["random_id"]);
    }

    [Fact]
    public async Task SendAsync_UploadRefused_FailsWithVkError()
    {
        await using var vk = await VkTestContext.StartAsync();
        vk.Server.Enqueue("photos.getMessagesUploadServer", Error(15, "Access denied"));
        var message = new OutgoingMessage("Look") { Media = MediaAttachment.PhotoFromUrl(vk.Server.BaseUrl + "files/mug.jpg") };
        var result = await vk.Channel.SendAsync(VkTestContext.Delivery(message), default);
        Assert.Equal(DeliveryStatus.Failed, result.Status);
        Assert.Contains("VK error 15", result.Error, StringComparison.Ordinal);
        Assert.Empty(vk.Server.Calls("messages.send"));
    }

    [Fact]
    public async Task UploadPhotoAsync_Stream_ReturnsAttachmentString()
    {
        await using var vk = await VkTestContext.StartAsync();
        using var content = new MemoryStream([1, 2, 3]);
        var attachment = await vk.Channel.UploadPhotoAsync(512345678, content, "a.png");
        Assert.Equal("photo-229876543_457239017_ab12cd", attachment);
    }

    [Fact]
    public async Task UploadDocumentAsync_ApiError_ThrowsVkApiExceptionWithCode()
    {
        await using var vk = await VkTestContext.StartAsync();
        vk.Server.Enqueue("docs.getMessagesUploadServer", Error(27, "Group authorization failed"));
        using var content = new MemoryStream([1, 2, 3]);
        var ex = await Assert.ThrowsAsync<VkApiException>(() => vk.Channel.UploadDocumentAsync(512345678, content, "a.txt"));
        Assert.Equal(27, ex.ErrorCode);
        Assert.DoesNotContain(VkTestContext.Token, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BroadcastAsync_PeerIds_MapsPerPeerResults()
    {
        await using var vk = await VkTestContext.StartAsync();
        vk.Server.Enqueue("messages.send", Fixture.Text("messages_send_peer_ids_response.json"));
        var result = await vk.Channel.BroadcastAsync(["512345678", "498765432"], new OutgoingMessage("Sale!"), default);

        var call = Assert.Single(vk.Server.Calls("messages.send"));
        Assert.Equal("512345678,498765432", call["peer_ids"]);
        Assert.False(call.Form.ContainsKey("peer_id"));
        Assert.Equal(DeliveryStatus.Sent, result.Results["512345678"].Status);
        Assert.Equal("2877", result.Results["512345678"].MessageId);
        Assert.Equal(DeliveryStatus.Unreachable, result.Results["498765432"].Status);
        Assert.Equal(["498765432"], result.Failed.ToArray());
        Assert.Equal(100, vk.Channel.MaxBroadcastRecipients);
    }

    [Fact]
    public async Task BroadcastAsync_WholeCallRateLimited_AllRetryLater()
    {
        await using var vk = await VkTestContext.StartAsync();
        vk.Server.Enqueue("messages.send", Fixture.Text("error_6_too_many_requests.json"));
        var result = await vk.Channel.BroadcastAsync(["1", "2"], new OutgoingMessage("Sale!"), default);
        Assert.All(result.Results.Values, r => Assert.Equal(DeliveryStatus.RetryLater, r.Status));
    }

    [Fact]
    public void Capabilities_DeclareVkLimits()
    {
        using var http = new HttpClient();
        using var channel = new VkChannel(new VkOptions { AccessToken = "t", GroupId = 1 }, http);
        var caps = channel.Capabilities;
        Assert.Equal(9000, caps.MaxTextLength);
        Assert.Equal(5, caps.MaxButtonsPerRow);
        Assert.Equal(40, caps.MaxButtons);
        Assert.Equal(40, caps.MaxButtonLabelLength);
        Assert.False(caps.SupportsRequestContact);
        Assert.True(caps.SupportsRequestLocation);
        Assert.True(caps.SupportsInlineKeyboard);
        Assert.Equal(ChannelId.Vk, channel.Id);
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsWithoutSecrets()
    {
        using var http = new HttpClient();
        var ex = Assert.Throws<ArgumentException>(() => new VkChannel(new VkOptions { AccessToken = "secret-token", GroupId = 0, Mode = VkReceiveMode.CallbackApi }, http));
        Assert.Contains("GroupId", ex.Message, StringComparison.Ordinal);
        Assert.Contains("CallbackSecret", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ConfirmationCode", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-token", ex.Message, StringComparison.Ordinal);
    }
}
