using System.Net;
using Engagement.Webhooks;

namespace Engagement.UnitTests.Webhooks;

/// <summary>The SSRF classification: every non-public range is refused, IPv6 forms carrying IPv4 by the address they carry.</summary>
public sealed class TargetAddressesTests
{
    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.255.255.254", "loopback")]
    [InlineData("::1", "loopback")]
    [InlineData("10.0.0.1", "private")]
    [InlineData("172.16.0.1", "private")]
    [InlineData("172.31.255.255", "private")]
    [InlineData("192.168.1.20", "private")]
    [InlineData("169.254.169.254", "link-local")] // cloud metadata
    [InlineData("fe80::1", "link-local")]
    [InlineData("fd12:3456::1", "unique-local")]
    [InlineData("fc00::1", "unique-local")]
    [InlineData("100.64.0.1", "CGNAT")]
    [InlineData("100.127.255.255", "CGNAT")]
    [InlineData("224.0.0.251", "multicast")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("::", "unspecified")]
    [InlineData("255.255.255.255", "reserved")]
    [InlineData("::ffff:127.0.0.1", "loopback")] // v4-mapped
    [InlineData("::ffff:10.1.2.3", "private")]
    [InlineData("64:ff9b::a9fe:a9fe", "link-local")] // NAT64 of 169.254.169.254
    [InlineData("2002:c0a8:0101::1", "private")] // 6to4 of 192.168.1.1
    [InlineData("fec0::1", "site-local")]
    [InlineData("2001:db8::1", "documentation")]
    public void Refuses_addresses_that_are_not_public(string address, string kind) =>
        Assert.Equal(kind, TargetAddresses.RefusedKind(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")] // just past 172.16.0.0/12
    [InlineData("100.128.0.1")] // just past 100.64.0.0/10
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")] // NAT64 of 8.8.8.8
    [InlineData("2002:0808:0808::1")] // 6to4 of 8.8.8.8
    public void Allows_public_unicast_addresses(string address) =>
        Assert.Null(TargetAddresses.RefusedKind(IPAddress.Parse(address)));
}
