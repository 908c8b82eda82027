using Engagement.Attachments;

namespace Engagement.UnitTests.Attachments;

public sealed class AttachmentStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "attachments-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Bytes_are_written_whole_read_back_and_deleted()
    {
        var store = new LocalDiskAttachmentStore(_root);
        await store.WriteAsync("ab/f_ab1", new MemoryStream([1, 2, 3]));
        await using (var read = await store.OpenReadAsync("ab/f_ab1"))
        {
            using var copy = new MemoryStream();
            await read!.CopyToAsync(copy);
            Assert.Equal([1, 2, 3], copy.ToArray());
        }
        await store.DeleteAsync("ab/f_ab1");
        Assert.Null(await store.OpenReadAsync("ab/f_ab1"));
        await store.DeleteAsync("zz/never"); // nothing there: nothing happens
    }

    [Fact]
    public async Task A_write_that_fails_midway_leaves_nothing()
    {
        var store = new LocalDiskAttachmentStore(_root);
        await Assert.ThrowsAsync<IOException>(() => store.WriteAsync("cd/f_cd1", new FailingStream()));
        Assert.Null(await store.OpenReadAsync("cd/f_cd1"));
        Assert.Empty(Directory.GetFiles(_root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_key_never_reaches_outside_the_root()
    {
        var store = new LocalDiskAttachmentStore(_root);
        await Assert.ThrowsAsync<ArgumentException>(() => store.WriteAsync("../escape", new MemoryStream([1])));
        await Assert.ThrowsAsync<ArgumentException>(() => store.OpenReadAsync("/etc/passwd"));
    }

    [Theory]
    [InlineData("C:\\Users\\dana\\report.pdf", "report.pdf")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("  \"quoted\"\u0007 name.png ", "quoted name.png")]
    [InlineData("...", "file")]
    [InlineData(null, "file")]
    public void File_names_are_cleaned_for_display(string? given, string expected) => Assert.Equal(expected, FileNames.Clean(given, "file"));

    [Fact]
    public void A_long_name_keeps_its_extension()
    {
        var clean = FileNames.Clean(new string('a', 400) + ".pdf", "file");
        Assert.Equal(Limits.AttachmentFileName, clean.Length);
        Assert.EndsWith("a.pdf", clean);
    }

    /// <summary>A client that sends one buffer and goes away.</summary>
    private sealed class FailingStream : Stream
    {
        private int _reads;

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ++_reads > 1 ? throw new IOException("the client went away") : ValueTask.FromResult(buffer.Length);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
