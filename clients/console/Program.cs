using Engagement.ConsoleClient;

// A terminal chat client for trying Engagement without the web front:
//   talk visitor [queue]            ask for a conversation as a new anonymous visitor
//   talk agent <email> <password>   sign in as staff and take conversations
var url = Environment.GetEnvironmentVariable("ENGAGE_URL") ?? "http://127.0.0.1:5080";
return args switch
{
    ["visitor", var queue] => await VisitorChat.RunAsync(new Uri(url), queue),
    ["visitor"] => await VisitorChat.RunAsync(new Uri(url), "support"),
    ["agent", var email, var password] => await AgentChat.RunAsync(new Uri(url), email, password),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: talk visitor [queue] | talk agent <email> <password>   (server: $ENGAGE_URL, default http://127.0.0.1:5080)");
    return 2;
}
