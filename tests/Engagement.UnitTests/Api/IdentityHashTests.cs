using Engagement.Api.Auth;

namespace Engagement.UnitTests.Api;

public class IdentityHashTests
{
    private const string Secret = "site-identity-secret-0123456789abcdef";

    [Fact]
    public void Compute_is_hex_hmac_sha256_of_the_customer_id()
    {
        // RFC 4231, test case 2.
        Assert.Equal(
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
            IdentityHash.Compute("Jefe", "what do ya want for nothing?"));
    }

    [Fact]
    public void The_hash_of_the_id_verifies_in_either_case()
    {
        var hash = IdentityHash.Compute(Secret, "cust-42");

        Assert.True(IdentityHash.Verify(Secret, "cust-42", hash));
        Assert.True(IdentityHash.Verify(Secret, "cust-42", hash.ToUpperInvariant()));
    }

    [Fact]
    public void The_hash_of_one_customer_does_not_verify_another()
    {
        Assert.False(IdentityHash.Verify(Secret, "cust-43", IdentityHash.Compute(Secret, "cust-42")));
    }

    [Fact]
    public void A_hash_made_with_another_secret_does_not_verify()
    {
        Assert.False(IdentityHash.Verify(Secret, "cust-42", IdentityHash.Compute("another-secret-0123456789abcdefghij", "cust-42")));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("zz00000000000000000000000000000000000000000000000000000000000000")]
    public void Missing_or_malformed_hashes_do_not_verify(string? userHash)
    {
        Assert.False(IdentityHash.Verify(Secret, "cust-42", userHash));
    }
}
