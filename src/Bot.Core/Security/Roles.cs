using Bot.Core.Messaging;

namespace Bot.Core.Security;

/// <summary>Who may do what, from configuration (<c>Roles:Admins</c>, <c>Roles:Managers</c>, <c>Roles:AlertEditors</c>, …; <c>Roles__Managers__0=&lt;id&gt;</c> in the environment).</summary>
/// <remarks>Entries are Teams AAD object ids or channel user ids; a caller matches on either. Never on card data.</remarks>
public sealed class Roles
{
    public const string Section = "Roles";

    public IList<string> Admins { get; init; } = [];

    public IList<string> Managers { get; init; } = [];

    /// <summary>May subscribe team channels and group chats (personal chats are always allowed). Empty = everyone.</summary>
    public IList<string> Subscribers { get; init; } = [];

    /// <summary>May import data through chat or HTTP on behalf of a user. Admins always may.</summary>
    public IList<string> Importers { get; init; } = [];

    /// <summary>May add alert rules. Empty = everyone; admins always may. Muting and removing stay with a rule's owner, an alert's assignee and admins.</summary>
    public IList<string> AlertEditors { get; init; } = [];

    public bool IsAdmin(Caller caller) => Matches(Admins, caller);

    public bool IsManager(Caller caller) => Matches(Managers, caller);

    public bool MaySubscribe(Caller caller) => Subscribers.Count == 0 || Matches(Subscribers, caller) || IsAdmin(caller) || IsManager(caller);

    public bool MayImport(Caller caller) => Matches(Importers, caller) || IsAdmin(caller);

    public bool MayAddAlerts(Caller caller) => AlertEditors.Count == 0 || Matches(AlertEditors, caller) || IsAdmin(caller);

    private static bool Matches(IList<string> ids, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return ids.Any(id => string.Equals(id, caller.Id, StringComparison.OrdinalIgnoreCase)
            || (caller.AadObjectId is not null && string.Equals(id, caller.AadObjectId, StringComparison.OrdinalIgnoreCase)));
    }
}
