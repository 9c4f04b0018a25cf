using System.Text;
using System.Text.Json.Nodes;

namespace ChatFlow.Channels.Viber.Tests;

public sealed class ViberSignatureTests
{
    private static readonly JsonNode Vectors = Fixture.Json("signature_example.json");

    public static TheoryData<string> ExampleNames() => [.. Vectors["examples"]!.AsArray().Select(e => e!["name"]!.GetValue<string>())];

    [Theory]
    [MemberData(nameof(ExampleNames))]
    public void Verify_FixtureExamples_Match(string name)
    {
        var example = Vectors["examples"]!.AsArray().Single(e => e!["name"]!.GetValue<string>() == name)!;
        var body = Encoding.UTF8.GetBytes(example["raw_body"]!.GetValue<string>());

        Assert.Equal(example["raw_body_bytes"]!.GetValue<int>(), body.Length);
        Assert.Equal(example["signature"]!.GetValue<string>(), ViberSignature.Compute(Vectors["auth_token"]!.GetValue<string>(), body));
        Assert.True(ViberSignature.Verify(Vectors["auth_token"]!.GetValue<string>(), body, example["signature"]!.GetValue<string>()));
    }

    [Fact]
    public void Verify_SignedBodyFileBytes_Match()
    {
        var body = Fixture.Bytes("signed_body.json");
        var signature = Vectors["examples"]![0]!["signature"]!.GetValue<string>();

        Assert.Equal("signed_body.json", Vectors["examples"]![0]!["raw_body_file"]!.GetValue<string>());
        Assert.True(ViberSignature.Verify(FakeViberServer.Token, body, signature));
    }

    [Fact]
    public void Verify_OfficialSdkVector_Matches()
    {
        var vector = Vectors["sdk_test_vector"]!;
        var body = Encoding.UTF8.GetBytes(vector["raw_body"]!.GetValue<string>());

        Assert.True(ViberSignature.Verify(vector["auth_token"]!.GetValue<string>(), body, vector["signature"]!.GetValue<string>()));
    }

    [Fact]
    public void Verify_TrailingNewlineVariant_DoesNotMatch()
    {
        var body = Fixture.Bytes("signed_body.json").Concat(Encoding.UTF8.GetBytes(Vectors["negative_example"]!["raw_body_suffix"]!.GetValue<string>())).ToArray();

        Assert.False(ViberSignature.Verify(FakeViberServer.Token, body, Vectors["examples"]![0]!["signature"]!.GetValue<string>()));
    }

    [Fact]
    public void Verify_UppercaseHex_Matches()
    {
        var signature = Vectors["examples"]![0]!["signature"]!.GetValue<string>().ToUpperInvariant();

        Assert.True(ViberSignature.Verify(FakeViberServer.Token, Fixture.Bytes("signed_body.json"), signature));
    }

    [Theory]
    [InlineData("")]
    [InlineData("35e341b0")]
    [InlineData("zz e341b0a1beb8b19b54c23e55d4a3291f428d0e384c38ba3f21e72e33870dee")]
    [InlineData("35e341b0a1beb8b19b54c23e55d4a3291f428d0e384c38ba3f21e72e33870def")]
    public void Verify_MalformedOrWrongSignature_DoesNotMatch(string signature) =>
        Assert.False(ViberSignature.Verify(FakeViberServer.Token, Fixture.Bytes("signed_body.json"), signature));

    [Fact]
    public void Verify_OtherToken_DoesNotMatch() =>
        Assert.False(ViberSignature.Verify("another-token", Fixture.Bytes("signed_body.json"), Vectors["examples"]![0]!["signature"]!.GetValue<string>()));
}
