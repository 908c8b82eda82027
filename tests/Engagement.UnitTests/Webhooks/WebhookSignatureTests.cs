using System.Text;
using Engagement.Webhooks;

namespace Engagement.UnitTests.Webhooks;

/// <summary>The signature docs/webhooks.md documents, checked against a value computed outside .NET (openssl dgst -sha256 -hmac).</summary>
public sealed class WebhookSignatureTests
{
    private const string Secret = "whsec_test-secret";
    private const long Timestamp = 1700000000;
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(
        """{"id":"evt_1","type":"webhook.ping","occurredAt":"2023-11-14T22:13:20+00:00","data":{"subscriptionId":"wh_test"}}""");

    // printf '%s' '1700000000.<body>' | openssl dgst -sha256 -hmac 'whsec_test-secret'
    private const string Expected = "02bc6a57a0fade2a471f7f80bec44cfc7c317f1afe6682e3afc2d61948281143";

    [Fact]
    public void Is_the_lowercase_hex_hmac_sha256_of_timestamp_dot_body() =>
        Assert.Equal(Expected, WebhookSignature.Compute(Secret, Timestamp, Body));

    [Fact]
    public void The_header_carries_one_signature_or_two_during_a_rotation()
    {
        Assert.Equal($"v1={Expected}", WebhookSignature.Header(Secret, null, Timestamp, Body));
        var previous = WebhookSignature.Compute("whsec_old", Timestamp, Body);
        Assert.Equal($"v1={Expected},v1={previous}", WebhookSignature.Header(Secret, "whsec_old", Timestamp, Body));
    }

    [Fact]
    public void Any_change_to_the_body_or_the_timestamp_changes_it()
    {
        Assert.NotEqual(Expected, WebhookSignature.Compute(Secret, Timestamp + 1, Body));
        var changed = (byte[])Body.Clone();
        changed[^2] ^= 1;
        Assert.NotEqual(Expected, WebhookSignature.Compute(Secret, Timestamp, changed));
    }

    [Fact]
    public void New_secrets_are_prefixed_random_and_url_safe()
    {
        var a = WebhookSignature.NewSecret();
        var b = WebhookSignature.NewSecret();
        Assert.NotEqual(a, b);
        Assert.StartsWith("whsec_", a);
        Assert.Equal(6 + 43, a.Length); // 32 bytes, base64url without padding
        Assert.All(a[6..], c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'));
    }
}
