namespace CMDisconnectedSync.App.Presentation.Pages;

/// <summary>A field the admin must correct, and how. <see cref="Field"/> is the property name the view maps to a control.</summary>
public sealed record ValidationIssue(string Field, string Message);
