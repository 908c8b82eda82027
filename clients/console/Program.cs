using Engagement.ConsoleClient;

// A terminal chat client for trying Engagement without the web front:
//   talk visitor [queue]            ask for a conversation as a new anonymous visitor
//   talk agent <email> <password>   sign in as staff and take conversations
// ENGAGE_URL is one node or a load balancer, or several nodes separated by commas (a reconnect tries the next).
var servers = (Environment.GetEnvironmentVariable("ENGAGE_URL") ?? "http://127.0.0.1:5080")
    .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
    .Select(u => new Uri(u)).ToList();
return args switch
{
    ["visitor", var queue] => await VisitorChat.RunAsync(servers, queue),
    ["visitor"] => await VisitorChat.RunAsync(servers, "support"),
    ["agent", var email, var password] => await AgentChat.RunAsync(servers, email, password),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: talk visitor [queue] | talk agent <email> <password>   (server: $ENGAGE_URL, default http://127.0.0.1:5080)");
    return 2;
}
