namespace CMDisconnectedSync.ConsoleExtension.Model;

/// <summary>
/// Icons from the console's own resources, so we ship no image. Only names a public source shows in use are here:
/// Microsoft's sample extension in microsoft/configmgr-hub
/// (<c>src/Console/Extensions/Actions/172d85e7-…/AllStatusMessagesForTsDeployment.xml</c>) uses
/// <c>ImagesDescription/ResourceAssembly</c> = <c>AdminUI.UIResources.dll</c>,
/// <c>Microsoft.ConfigurationManagement.AdminConsole.UIResources.Properties.Resources.resources</c>, image
/// <c>ShowMessages</c>. No documented stock image fits Export, Import or Review, so those actions have none rather
/// than a guessed resource name.
/// </summary>
public static class StockIcons
{
    public const string ResourceAssembly = "AdminUI.UIResources.dll";
    public const string ResourceType = "Microsoft.ConfigurationManagement.AdminConsole.UIResources.Properties.Resources.resources";

    /// <summary>The console's "Show Status Messages" image.</summary>
    public const string ShowMessages = "ShowMessages";

    /// <summary>
    /// The console's synchronize image, our node's icon: Microsoft's own console XML uses it with the same resource
    /// assembly and type, e.g. the <c>RunSynchronization</c> action of All Software Updates in
    /// <c>XmlStorage\ConsoleRoot\SoftwareLibraryNode.xml</c> of console 5.2603.1030.1000 (public copy: sekorotkov/RCT@848485f,
    /// <c>Xml-SuExtension/5.2603.1030.1000/XmlStorage/ConsoleRoot/SoftwareLibraryNode.xml</c>).
    /// </summary>
    public const string Synchronize = "Synchronize";
}
