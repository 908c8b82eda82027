using System.Buffers.Binary;

namespace Engagement.Media.Stun;

/// <summary>
/// A parsed STUN message (RFC 8489 §5, §14) over the datagram it came in: no copies, only the
/// offsets of the attributes ICE needs. Parsing checks the framing and the FINGERPRINT;
/// MESSAGE-INTEGRITY needs the password, so it is checked separately with <see cref="VerifyIntegrity"/>.
/// </summary>
internal readonly ref struct StunMessage
{
    private readonly ReadOnlySpan<byte> _data;

    public ushort Type { get; }
    public ReadOnlySpan<byte> TransactionId => _data.Slice(8, 12);
    public ReadOnlySpan<byte> Raw => _data;
    public int UsernameOffset { get; }
    public int UsernameLength { get; }
    public int IntegrityOffset { get; }
    public int FingerprintOffset { get; }
    public int XorMappedAddressOffset { get; }
    public int XorMappedAddressLength { get; }
    public uint Priority { get; }
    public bool UseCandidate { get; }
    public bool HasIceControlling { get; }
    public bool HasIceControlled { get; }

    public ReadOnlySpan<byte> Username => UsernameOffset < 0 ? default : _data.Slice(UsernameOffset, UsernameLength);
    public bool HasIntegrity => IntegrityOffset >= 0;

    private StunMessage(ReadOnlySpan<byte> data, ushort type, int usernameOffset, int usernameLength,
        int integrityOffset, int fingerprintOffset, int xorOffset, int xorLength, uint priority,
        bool useCandidate, bool controlling, bool controlled)
    {
        _data = data;
        Type = type;
        UsernameOffset = usernameOffset;
        UsernameLength = usernameLength;
        IntegrityOffset = integrityOffset;
        FingerprintOffset = fingerprintOffset;
        XorMappedAddressOffset = xorOffset;
        XorMappedAddressLength = xorLength;
        Priority = priority;
        UseCandidate = useCandidate;
        HasIceControlling = controlling;
        HasIceControlled = controlled;
    }

    /// <summary>RFC 7983: a STUN message starts with 0b00 and carries the magic cookie.</summary>
    public static bool LooksLikeStun(ReadOnlySpan<byte> data) =>
        data.Length >= StunConstants.HeaderLength && data[0] < 4 &&
        BinaryPrimitives.ReadUInt32BigEndian(data[4..]) == StunConstants.MagicCookie;

    public static StunParseError TryParse(ReadOnlySpan<byte> data, out StunMessage message)
    {
        message = default;
        if (data.Length < StunConstants.HeaderLength) return StunParseError.TooShort;
        if ((data[0] & 0xC0) != 0) return StunParseError.NotStun;
        if (BinaryPrimitives.ReadUInt32BigEndian(data[4..]) != StunConstants.MagicCookie) return StunParseError.BadCookie;
        int length = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
        if ((length & 3) != 0 || StunConstants.HeaderLength + length != data.Length) return StunParseError.LengthMismatch;

        var type = BinaryPrimitives.ReadUInt16BigEndian(data);
        int userOff = -1, userLen = 0, miOff = -1, fpOff = -1, xorOff = -1, xorLen = 0;
        uint priority = 0;
        bool useCandidate = false, controlling = false, controlled = false;

        var pos = StunConstants.HeaderLength;
        while (pos < data.Length)
        {
            if (data.Length - pos < 4) return StunParseError.TruncatedAttribute;
            if (fpOff >= 0) return StunParseError.AttributeAfterFingerprint;
            var attrType = BinaryPrimitives.ReadUInt16BigEndian(data[pos..]);
            int attrLen = BinaryPrimitives.ReadUInt16BigEndian(data[(pos + 2)..]);
            var valueOff = pos + 4;
            if (attrLen > data.Length - valueOff) return StunParseError.TruncatedAttribute;
            // After MESSAGE-INTEGRITY only FINGERPRINT may follow (RFC 8489 §14.5).
            if (miOff >= 0 && attrType != StunConstants.AttrFingerprint) return StunParseError.AttributeAfterIntegrity;

            switch (attrType)
            {
                case StunConstants.AttrUsername: userOff = valueOff; userLen = attrLen; break;
                case StunConstants.AttrMessageIntegrity:
                    if (attrLen != StunConstants.MessageIntegrityLength) return StunParseError.BadIntegrityLength;
                    miOff = pos; break;
                case StunConstants.AttrFingerprint:
                    if (attrLen != 4) return StunParseError.BadFingerprintLength;
                    fpOff = pos; break;
                case StunConstants.AttrXorMappedAddress: xorOff = valueOff; xorLen = attrLen; break;
                case StunConstants.AttrPriority when attrLen == 4:
                    priority = BinaryPrimitives.ReadUInt32BigEndian(data[valueOff..]); break;
                case StunConstants.AttrUseCandidate: useCandidate = true; break;
                case StunConstants.AttrIceControlling: controlling = true; break;
                case StunConstants.AttrIceControlled: controlled = true; break;
            }
            pos = valueOff + ((attrLen + 3) & ~3);
        }
        if (pos != data.Length) return StunParseError.TruncatedAttribute;

        if (fpOff >= 0)
        {
            var expected = StunCrc32.Compute(data[..fpOff]) ^ StunConstants.FingerprintXor;
            if (BinaryPrimitives.ReadUInt32BigEndian(data[(fpOff + 4)..]) != expected) return StunParseError.BadFingerprint;
        }

        message = new StunMessage(data, type, userOff, userLen, miOff, fpOff, xorOff, xorLen, priority,
            useCandidate, controlling, controlled);
        return StunParseError.None;
    }

    /// <summary>
    /// RFC 8489 §14.5: HMAC-SHA1 over the message up to MESSAGE-INTEGRITY, with the header length
    /// counting up to the end of that attribute (so a FINGERPRINT after it is excluded).
    /// </summary>
    public bool VerifyIntegrity(ReadOnlySpan<byte> key)
    {
        if (IntegrityOffset < 0) return false;
        Span<byte> header = stackalloc byte[StunConstants.HeaderLength];
        _data[..StunConstants.HeaderLength].CopyTo(header);
        BinaryPrimitives.WriteUInt16BigEndian(header[2..],
            (ushort)(IntegrityOffset + 4 + StunConstants.MessageIntegrityLength - StunConstants.HeaderLength));
        return StunIntegrity.Matches(key, header, _data[StunConstants.HeaderLength..IntegrityOffset],
            _data.Slice(IntegrityOffset + 4, StunConstants.MessageIntegrityLength));
    }
}
