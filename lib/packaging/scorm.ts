/**
 * SCORM 1.2 packaging: one SCO (the launch page) described by imsmanifest.xml in the IMS Content
 * Packaging 1.1.2 namespace with the ADL SCORM 1.2 extensions (`adlcp:scormtype="sco"`). The launch
 * page reports through the SCORM 1.2 run-time API (LMSInitialize, LMSSetValue, LMSCommit, LMSFinish).
 */
import type { PackageActivity } from "./activity";
import { escapeXml, xmlId } from "./xml";

/** The launch page's file name inside every package. */
export const LAUNCH_FILE = "index.html";

/** imsmanifest.xml for a single-SCO package. */
export function scormManifest(activity: PackageActivity, version = "1.0"): string {
  const id = xmlId(`faultline-${activity.kind}-${activity.id}`);
  const title = escapeXml(activity.title);
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${id}" version="${escapeXml(version)}"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="${id}-org">
    <organization identifier="${id}-org">
      <title>${title}</title>
      <item identifier="${id}-item" identifierref="${id}-sco" isvisible="true">
        <title>${title}</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="${id}-sco" type="webcontent" adlcp:scormtype="sco" href="${LAUNCH_FILE}">
      <file href="${LAUNCH_FILE}"/>
    </resource>
  </resources>
</manifest>
`;
}
