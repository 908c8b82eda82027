namespace Engagement;

/// <summary>What counts as an email address from a client: what .NET parses as one address, written exactly so (no display name, no comments).</summary>
public static class EmailAddresses
{
    public static bool IsValid(string address) =>
        System.Net.Mail.MailAddress.TryCreate(address, out var parsed) && parsed.Address == address;
}
