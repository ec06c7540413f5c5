namespace Routing.Demo;

/// <summary>A queue the demo sends customers to, with what its logged-in agents can serve there.</summary>
/// <param name="TenantId">The tenant the queue belongs to.</param>
/// <param name="QueueId">The queue.</param>
/// <param name="Languages">Language skills (<c>lang.*</c>) some eligible agent has, so a customer
/// asking for one can be served.</param>
/// <param name="Chat">Whether some eligible agent takes chats.</param>
internal sealed record DemoRoute(string TenantId, string QueueId, string[] Languages, bool Chat);
