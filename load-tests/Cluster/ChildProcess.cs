using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Engagement.LoadTests.Cluster;

/// <summary>
/// A real OS process started by a test (a silo, HAProxy) that can be signalled like an operator would, and
/// that never outlives the test process. Its stdout and stderr go straight to a log file (no pipes through
/// the test process, which would cost CPU and could block the child when nobody reads).
/// </summary>
/// <remarks>
/// Three guards against orphans, because a test host that crashes or is killed by a hang timeout must not
/// leave silos behind holding ports and database connections:
/// <list type="number">
/// <item>The kernel: every child is started through <c>setpriv --pdeathsig KILL</c>, so it gets SIGKILL when
/// its parent dies, however it dies. Linux sends that signal when the parent <em>thread</em> that forked the
/// child exits, and thread-pool threads come and go, so all children are forked from one dedicated thread
/// that lives as long as the test process.</item>
/// <item>Test-process exit: every live child is killed from <see cref="AppDomain.ProcessExit"/>.</item>
/// <item>Dispose: the owner kills it (fixtures dispose their processes).</item>
/// </list>
/// </remarks>
public sealed class ChildProcess : IAsyncDisposable
{
    private const int SigKill = 9;
    private const int SigTerm = 15;
    private const int SigCont = 18;
    private const int SigStop = 19;

    private static readonly ConcurrentDictionary<int, ChildProcess> Live = new();
    private static readonly BlockingCollection<(ProcessStartInfo Start, TaskCompletionSource<Process> Started)> Requests = new();

    private readonly Process _process;

    static ChildProcess()
    {
        var forker = new Thread(ForkLoop) { IsBackground = true, Name = "child-process forker" };
        forker.Start();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
    }

    private ChildProcess(Process process, string name, string? logFile) =>
        (_process, Name, LogFile, Id) = (process, name, logFile, process.Id);

    /// <summary>A name for messages (e.g. "silo-40123").</summary>
    public string Name { get; }

    /// <summary>The process id (the same as the program's: the wrappers exec into it).</summary>
    public int Id { get; }

    /// <summary>Where the process's stdout and stderr go; null when they are this process's own (<see cref="StartAttachedAsync"/>).</summary>
    public string? LogFile { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Exit code once ended; 128 + the signal number when a signal ended it (as a shell reports it).</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>Starts <paramref name="program"/> with <paramref name="arguments"/>, its output appended to <paramref name="logFile"/>.</summary>
    /// <param name="environment">Variables added to (or, with a null value, removed from) the inherited environment.</param>
    public static Task<ChildProcess> StartAsync(
        string name, string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment,
        string logFile, string? workingDirectory = null)
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        return LaunchAsync(name, program, arguments, environment, logFile, workingDirectory);
    }

    /// <summary>As <see cref="StartAsync"/>, but the program writes to this process's stdout and stderr (a run the user watches).</summary>
    public static Task<ChildProcess> StartAttachedAsync(
        string name, string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment) =>
        LaunchAsync(name, program, arguments, environment, logFile: null, workingDirectory: null);

    private static async Task<ChildProcess> LaunchAsync(
        string name, string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment,
        string? logFile, string? workingDirectory)
    {
        var start = new ProcessStartInfo("setpriv") { UseShellExecute = false, WorkingDirectory = workingDirectory ?? "" };
        // setpriv arms the parent-death signal and execs sh, which points the output at the log file (if any) and
        // execs the program: one pid from start to end, so signals and Process.WaitForExit reach the program itself.
        foreach (var a in new[] { "--pdeathsig", "KILL", "--", "/bin/sh", "-c", "log=\"$1\"; shift; if [ -n \"$log\" ]; then exec \"$@\" >>\"$log\" 2>&1 </dev/null; else exec \"$@\" </dev/null; fi", "sh", logFile ?? "", program })
            start.ArgumentList.Add(a);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        foreach (var (key, value) in environment)
        {
            if (value is null) start.Environment.Remove(key);
            else start.Environment[key] = value;
        }

        var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        Requests.Add((start, started));
        var process = await started.Task;
        var child = new ChildProcess(process, name, logFile);
        Live[child.Id] = child;
        return child;
    }

    /// <summary>kill -9: the process dies at once, its sockets are reset, nothing of it runs any more.</summary>
    public async Task KillAsync()
    {
        Signal(SigKill);
        await WaitForExitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>kill -TERM, then waits up to <paramref name="bound"/> for a graceful exit; kills it if it does not come.</summary>
    /// <returns>True if it exited by itself within the bound.</returns>
    public async Task<bool> TerminateAsync(TimeSpan bound)
    {
        Signal(SigTerm);
        if (await WaitForExitAsync(bound)) return true;
        await KillAsync();
        return false;
    }

    /// <summary>
    /// kill -STOP: the process is frozen (sockets stay open, nothing answers), as a VM pause or a long GC would look.
    /// Returns once every thread of it has stopped. The kernel stops a process asynchronously: kill() only queues the
    /// signal, the thread that takes it then stops the others, and until each has stopped it keeps running. On a busy
    /// machine that took several milliseconds, time enough for a stopped silo to answer one more request.
    /// </summary>
    public async Task FreezeAsync()
    {
        Signal(SigStop);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!_process.HasExited && !AllThreadsStopped(Id))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{Name} (pid {Id}) did not stop within 30 s of SIGSTOP.");
            await Task.Delay(5);
        }
    }

    /// <summary>kill -CONT after <see cref="Freeze"/>.</summary>
    public void Thaw() => Signal(SigCont);

    /// <summary>Waits for the process to end; false if it is still running after <paramref name="bound"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan bound)
    {
        using var timeout = new CancellationTokenSource(bound);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        Live.TryRemove(Id, out _);
        return true;
    }

    /// <summary>The last lines of the log file, for failure messages.</summary>
    public string LogTail(int lines = 40)
    {
        if (LogFile is null) return "(its output went to this process's own)";
        try
        {
            using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n');
            return string.Join('\n', all.TakeLast(lines));
        }
        catch (IOException e)
        {
            return $"(no log: {e.Message})";
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // A frozen process dies of SIGKILL too; no need to thaw it first.
            Signal(SigKill);
            await WaitForExitAsync(TimeSpan.FromSeconds(30));
        }
        Live.TryRemove(Id, out _);
        _process.Dispose();
    }

    private void Signal(int signal)
    {
        if (_process.HasExited) return;
        if (Kill(Id, signal) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            const int noSuchProcess = 3; // ESRCH: it ended between the check and the signal
            if (errno != noSuchProcess) throw new InvalidOperationException($"kill({Id}, {signal}) failed: errno {errno}");
        }
    }

    /// <summary>
    /// True when every thread of <paramref name="pid"/> is in state T (stopped by a signal), read from
    /// /proc/pid/task/*/stat, whose third field follows the last ')' (the thread's name may hold any character).
    /// </summary>
    private static bool AllThreadsStopped(int pid)
    {
        try
        {
            foreach (var task in System.IO.Directory.GetDirectories($"/proc/{pid}/task"))
            {
                string stat;
                try { stat = File.ReadAllText(Path.Combine(task, "stat")); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; } // a thread that just ended
                var state = stat[(stat.LastIndexOf(')') + 2)..].TrimStart();
                if (!state.StartsWith('T')) return false;
            }
            return true;
        }
        catch (DirectoryNotFoundException)
        {
            return true; // the process is gone: nothing of it runs
        }
    }

    private static void KillAll()
    {
        foreach (var child in Live.Values)
        {
            try { Kill(child.Id, SigKill); }
            catch (Exception) { } // exiting anyway; the kernel's parent-death signal is the fallback
        }
    }

    private static void ForkLoop()
    {
        foreach (var (start, started) in Requests.GetConsumingEnumerable())
        {
            try
            {
                started.SetResult(Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}"));
            }
            catch (Exception e)
            {
                started.SetException(e);
            }
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
