/**
 * cmi5 packaging: cmi5.xml (the course structure of the cmi5 specification, one course with one
 * assignable unit) beside the AU's launch page. The AU reads the launch parameters, fetches its auth
 * token and sends xAPI statements (launch-runtime.ts). Course and AU ids are IRIs under the site.
 */
import type { PackageActivity } from "./activity";
import { LAUNCH_FILE } from "./scorm";
import { escapeXml } from "./xml";

/** The course IRI of an activity: `<base>/cmi5/<kind>/<id>`. */
export function courseIri(activity: PackageActivity): string {
  return `${activity.baseUrl}/cmi5/${activity.kind}/${activity.id.split("/").map(encodeURIComponent).join("/")}`;
}

/** cmi5.xml: "Passed" moves on when the activity has challenges, "Completed" otherwise. */
export function cmi5CourseStructure(activity: PackageActivity): string {
  const course = courseIri(activity);
  const langstring = (text: string) => `<langstring lang="en-US">${escapeXml(text)}</langstring>`;
  const moveOn = activity.challenges.length ? "Passed" : "Completed";
  return `<?xml version="1.0" encoding="UTF-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="${escapeXml(course)}">
    <title>${langstring(activity.title)}</title>
    <description>${langstring(activity.description || activity.title)}</description>
  </course>
  <au id="${escapeXml(`${course}/au`)}" moveOn="${moveOn}" launchMethod="AnyWindow">
    <title>${langstring(activity.title)}</title>
    <description>${langstring(activity.description || activity.title)}</description>
    <url>${LAUNCH_FILE}</url>
  </au>
</courseStructure>
`;
}
