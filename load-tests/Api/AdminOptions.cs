using System.CommandLine;

namespace Engagement.LoadTests.Api;

/// <summary>
/// The admin account a setup signs in with: the development seed of docs/protocol.md unless
/// ENGAGE_BENCH_ADMIN_EMAIL / ENGAGE_BENCH_ADMIN_PASSWORD say otherwise. <c>bench</c> seeds the same account
/// into the silos it starts, so the two always agree.
/// </summary>
internal sealed class AdminOptions
{
    public static string DefaultEmail => Environment.GetEnvironmentVariable("ENGAGE_BENCH_ADMIN_EMAIL") ?? "admin@engagement.local";

    public static string DefaultPassword => Environment.GetEnvironmentVariable("ENGAGE_BENCH_ADMIN_PASSWORD") ?? "admin-dev-password";

    public Option<string> Email { get; } = new("--admin-email") { Description = "Admin account for the setup", DefaultValueFactory = _ => DefaultEmail };

    public Option<string> Password { get; } = new("--admin-password") { Description = "Its password", DefaultValueFactory = _ => DefaultPassword };

    public void AddTo(Command command)
    {
        command.Options.Add(Email);
        command.Options.Add(Password);
    }
}
