using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatFlow.AspNetCore.Tests.Webhooks;

/// <summary>The webhook route <c>MapChatFlow()</c> maps, over real HTTP on a loopback port.</summary>
public sealed class MapChatFlowTests
{
    private static byte[] Body(int length)
    {
        // Every byte value, including ones that are not valid UTF-8, CR/LF and NUL.
        var body = new byte[length];
        for (var i = 0; i < length; i++)
        {
            body[i] = (byte)(i * 7 % 256);
        }

        return body;
    }

    private static ByteArrayContent Content(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>A body without Content-Length: sent chunked.</summary>
    private static StreamContent Chunked(byte[] body)
    {
        var content = new StreamContent(new UnseekableStream(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    [Fact]
    public async Task MapChatFlow_Post_HandlerGetsExactBytesAndHeadersAndItsAnswerIsWrittenAsIs()
    {
        var handler = new RecordingHandler("test", new WebhookResponse(202, "{\"ok\":true,\"note\":\"é\"}", "application/json; charset=utf-8"));
        await using var host = await TestHost.StartAsync(s => s.AddSingleton<IWebhookHandler>(handler));
        var body = Body(5000);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/test") { Content = Content(body) };
        request.Headers.Add("X-Signature", "abc123");

        using var response = await host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("{\"ok\":true,\"note\":\"é\"}", await response.Content.ReadAsStringAsync());
        var got = Assert.Single(handler.Requests);
        Assert.Equal(body, got.Body.ToArray());
        Assert.Equal("abc123", got.GetHeader("x-signature"));
        Assert.Equal("application/json", got.GetHeader("Content-Type"));
    }

    [Fact]
    public async Task MapChatFlow_ChunkedBodyUnderLimit_PassedIntact()
    {
        var handler = new RecordingHandler("test");
        await using var host = await TestHost.StartAsync(s => s.AddSingleton<IWebhookHandler>(handler));
        var body = Body(70_000);

        using var response = await host.Http.PostAsync("/webhooks/test", Chunked(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());
        Assert.Equal(body, Assert.Single(handler.Requests).Body.ToArray());
    }

    [Fact]
    public async Task MapChatFlow_DefaultLimit_AcceptsOneMegabyteAndRefusesOneByteMoreWith413()
    {
        var handler = new RecordingHandler("test");
        await using var host = await TestHost.StartAsync(s => s.AddSingleton<IWebhookHandler>(handler));

        using var atLimit = await host.Http.PostAsync("/webhooks/test", Content(Body(1024 * 1024)));
        using var overLimit = await host.Http.PostAsync("/webhooks/test", Content(Body((1024 * 1024) + 1)));

        Assert.Equal(HttpStatusCode.OK, atLimit.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, overLimit.StatusCode);
        Assert.Equal(1024 * 1024, Assert.Single(handler.Requests).Body.Length);
    }

    [Fact]
    public async Task MapChatFlow_ContentLengthOverConfiguredLimit_Returns413WithoutCallingHandler()
    {
        var handler = new RecordingHandler("test");
        await using var host = await TestHost.StartAsync(s => s
            .AddSingleton<IWebhookHandler>(handler)
            .Configure<ChatFlowWebhookOptions>(o => o.MaxBodyBytes = 1024));

        using var response = await host.Http.PostAsync("/webhooks/test", Content(Body(1025)));
        using var small = await host.Http.PostAsync("/webhooks/test", Content(Body(1024)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
        Assert.Equal(1024, Assert.Single(handler.Requests).Body.Length);
    }

    [Fact]
    public async Task MapChatFlow_ChunkedBodyOverConfiguredLimit_Returns413WithoutCallingHandler()
    {
        var handler = new RecordingHandler("test");
        await using var host = await TestHost.StartAsync(s => s
            .AddSingleton<IWebhookHandler>(handler)
            .Configure<ChatFlowWebhookOptions>(o => o.MaxBodyBytes = 1024));

        using var response = await host.Http.PostAsync("/webhooks/test", Chunked(Body(4096)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task MapChatFlow_UnknownChannel_Returns404()
    {
        var handler = new RecordingHandler("test");
        await using var host = await TestHost.StartAsync(s => s.AddSingleton<IWebhookHandler>(handler));

        using var response = await host.Http.PostAsync("/webhooks/nope", Content(Body(10)));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task MapChatFlow_ChannelNameInAnyCase_ReachesTheHandler()
    {
        var handler = new RecordingHandler("test");
        await using var host = await TestHost.StartAsync(s => s.AddSingleton<IWebhookHandler>(handler));

        using var response = await host.Http.PostAsync("/webhooks/TEST", Content(Body(10)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task MapChatFlow_CustomPrefix_MapsWebhooksUnderIt()
    {
        var handler = new RecordingHandler("test");
        await using var host = await TestHost.StartAsync(s => s.AddSingleton<IWebhookHandler>(handler), app => app.MapChatFlow("/hooks/"));

        using var mapped = await host.Http.PostAsync("/hooks/test", Content(Body(10)));
        using var defaultPath = await host.Http.PostAsync("/webhooks/test", Content(Body(10)));

        Assert.Equal(HttpStatusCode.OK, mapped.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, defaultPath.StatusCode);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task MapChatFlow_GetOnWebhook_Returns405()
    {
        var handler = new RecordingHandler("test");
        await using var host = await TestHost.StartAsync(s => s.AddSingleton<IWebhookHandler>(handler));

        using var response = await host.Http.GetAsync("/webhooks/test");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task MapChatFlow_HandlerThrows_Returns500AndKeepsServing()
    {
        var handler = new RecordingHandler("test") { OnRequest = (_, _) => throw new InvalidOperationException("bug") };
        await using var host = await TestHost.StartAsync(s => s.AddSingleton<IWebhookHandler>(handler));

        using var first = await host.Http.PostAsync("/webhooks/test", Content(Body(10)));
        handler.OnRequest = null;
        using var second = await host.Http.PostAsync("/webhooks/test", Content(Body(10)));

        Assert.Equal(HttpStatusCode.InternalServerError, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    [Fact]
    public void MapChatFlow_TwoHandlersForOneChannel_Throws()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddSingleton<IWebhookHandler>(new RecordingHandler("test"));
        builder.Services.AddSingleton<IWebhookHandler>(new RecordingHandler("Test"));
        using var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapChatFlow());

        Assert.Contains("'test'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MapChatFlow_RegisteredEndpointContributions_AreMapped()
    {
        await using var host = await TestHost.StartAsync(s => s
            .AddSingleton<IChatFlowEndpoints>(new HelloEndpoints("/webchat/hello"))
            .AddSingleton<IChatFlowEndpoints>(new HelloEndpoints("/other/hello")));

        Assert.Equal("hello from /webchat/hello", await host.Http.GetStringAsync("/webchat/hello"));
        Assert.Equal("hello from /other/hello", await host.Http.GetStringAsync("/other/hello"));
    }

    private sealed class HelloEndpoints(string path) : IChatFlowEndpoints
    {
        public void Map(IEndpointRouteBuilder endpoints) => endpoints.MapGet(path, () => "hello from " + path);
    }

    private sealed class UnseekableStream(byte[] data) : Stream
    {
        private readonly MemoryStream _inner = new(data);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 1000));

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
