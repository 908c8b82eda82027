using System.Security.Claims;
using Engagement.Api.Auth;
using Engagement.Api.Endpoints.Conversations;
using Engagement.Api.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Engagement.Api.Endpoints.Contacts;

/// <summary>
/// The contacts view (docs/protocol.md, Contacts): the list from the contacts projection, one contact from its
/// customer grain with its conversations from the inbox's index, and merging an anonymous visitor into an identified
/// customer through identify's own path. Staff only; conversations are those the inbox shows the caller.
/// </summary>
internal static class ContactEndpoints
{
    public static IEndpointRouteBuilder MapContactEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/contacts").WithTags("Contacts").RequireAuthorization(Policies.Staff);
        group.MapGet("/", List).WithSummary("Contacts, most recently seen first; q finds part of an id, name or email address.");
        group.MapGet("/{contactId}", Get).WithSummary("One contact: identity, attributes and conversations.");
        group.MapPost("/{contactId}/merge", Merge)
            .WithSummary("Merges an anonymous visitor into an identified customer: attributes, sessions and conversations follow.");
        return routes;
    }

    private static async Task<Ok<ContactPage>> List(ClaimsPrincipal user, IGrainFactory grains, IContactLists contacts, string? q, DateTimeOffset? before, int? limit)
    {
        var caller = user.ToCaller();
        var size = InputRules.PageSize(limit, Limits.ContactsPageDefault, Limits.ContactsPage);
        var query = new ContactQuery(
            InputRules.OptionalText(q, Limits.SearchText, "q"),
            await ConversationEndpoints.VisibleQueuesAsync(caller, grains),
            caller.Id,
            before,
            size);
        var page = await contacts.ListAsync(query);
        return TypedResults.Ok(new ContactPage(page, page.Length == size ? page[^1].LastSeenAt : null));
    }

    private static async Task<Ok<ContactDetail>> Get(string contactId, ClaimsPrincipal user, IGrainFactory grains, IConversationLists conversations) =>
        TypedResults.Ok(await DetailAsync(InputRules.Id(contactId, "contactId"), user.ToCaller(), grains, conversations));

    private static async Task<Ok<ContactDetail>> Merge(
        string contactId, MergeContactRequest request, ClaimsPrincipal user, IGrainFactory grains, IConversationLists conversations)
    {
        var visitorId = InputRules.Id(contactId, "contactId");
        var into = InputRules.Id(request.Into, "into");
        if (!PublicIds.IsAnonymousVisitor(visitorId))
            throw new InputException("contactId", $"Only an anonymous visitor ({PublicIds.VisitorPrefix}…) is merged into a customer.");
        if (PublicIds.IsAnonymousVisitor(into))
            throw new InputException("into", "into is an identified customer's id, not an anonymous visitor's.");

        var visitor = await grains.GetCustomer(visitorId).Get();
        var target = await grains.GetCustomer(into).Get();
        if (!target.IsKnown) throw new InputException("into", $"'{into}' is not an identified customer; merge into one that is.");
        if (visitor.MergedInto is { } merged && merged != into)
            throw EngagementException.Conflict($"'{visitorId}' was already merged into '{merged}'.");
        // Identify's own path: the visitor's attributes (the known customer's win), sessions and conversations move over.
        if (visitor.MergedInto is null) await grains.GetCustomer(visitorId).Identify(into, []);
        return TypedResults.Ok(await DetailAsync(into, user.ToCaller(), grains, conversations));
    }

    private static async Task<ContactDetail> DetailAsync(string contactId, Caller caller, IGrainFactory grains, IConversationLists conversations)
    {
        var customer = await grains.GetCustomer(contactId).Get();
        var size = Limits.InboxPage;
        var filter = new InboxFilter(VisibleQueues: await ConversationEndpoints.VisibleQueuesAsync(caller, grains), Viewer: caller.Id, ContactId: contactId);
        var list = await conversations.ListAsync(new InboxQuery(filter, Limit: size));
        return new ContactDetail(
            customer.CustomerId, customer.IsKnown, customer.Attributes.GetValueOrDefault("name"), customer.Attributes.GetValueOrDefault("email"),
            customer.Attributes, customer.FirstSeen, customer.LastSeen, customer.Presence.Overall, customer.MergedVisitorIds, customer.MergedInto,
            list, list.Length == size ? list[^1].LastActivityAt : null);
    }
}
