// The client's routes (web-plan: they never collide with API paths). A page is a route here with `meta.title`
// (an i18n key, shown in the menu and breadcrumbs), `meta.roles` (who may open it) and `meta.menu` (listed in the
// left menu); the shell and the guard below do the rest (docs/web.md, "Adding a page").
import { createRouter, createWebHistory, type RouteRecordRaw } from "vue-router";
import type { Role } from "../auth/claims";
import { useSession } from "../stores/session";
import AppShell from "../layout/AppShell.vue";

declare module "vue-router" {
  interface RouteMeta {
    /** i18n key of the page's title (menu, breadcrumb, document title). */
    title?: string;
    /** Roles that may open the page; absent on the pages around sign-in. */
    roles?: Role[];
    /** Listed in the left menu of the roles above. */
    menu?: boolean;
  }
}

/** Each role's workbench: where `/` leads after sign-in. */
export const HOME_BY_ROLE: Record<Role, string> = {
  SCHOOL: "/school", DISTRICT: "/district", CITY: "/city", EXPERT: "/expert",
};

const workbench = () => import("../views/common/WorkbenchPage.vue");

export const routes: RouteRecordRaw[] = [
  { path: "/signin", name: "signin", component: () => import("../views/common/SignInPage.vue"), meta: { title: "signin.title" } },
  { path: "/callback", name: "callback", component: () => import("../views/common/CallbackPage.vue"), meta: { title: "signin.title" } },
  { path: "/signed-out", name: "signed-out", component: () => import("../views/common/SignedOutPage.vue"), meta: { title: "signedOut.title" } },
  { path: "/no-access", name: "no-access", component: () => import("../views/common/NoAccessPage.vue"), meta: { title: "noAccess.title" } },
  {
    path: "/",
    component: AppShell,
    children: [
      // never shown: the guard below sends `/` to the role's workbench, /signin or /no-access
      { path: "", name: "home", component: { render: () => null } },
      // school
      { path: "school", name: "school", component: workbench, meta: { title: "menu.workbench", roles: ["SCHOOL"], menu: true } },
      {
        path: "school/group", name: "school-group", component: () => import("../views/school/MyGroupPage.vue"),
        meta: { title: "menu.myGroup", roles: ["SCHOOL"], menu: true },
      },
      {
        path: "school/group/:groupId", name: "school-group-view", component: () => import("../views/school/MyGroupPage.vue"),
        props: true, meta: { title: "menu.myGroup", roles: ["SCHOOL"] },
      },
      { path: "school/year", name: "school-year", component: () => import("../views/school/YearPage.vue"),
        meta: { title: "menu.schoolYear", roles: ["SCHOOL"], menu: true } },
      { path: "school/evidence", name: "school-evidence", component: () => import("../views/school/EvidencePage.vue"),
        meta: { title: "menu.schoolEvidence", roles: ["SCHOOL"], menu: true } },
      { path: "school/statement", name: "school-statement", component: () => import("../views/school/StatementPage.vue"),
        meta: { title: "menu.schoolStatement", roles: ["SCHOOL"], menu: true } },
      { path: "school/self-assessment", name: "school-self-assessment",
        component: () => import("../views/school/SelfAssessmentPage.vue"),
        meta: { title: "menu.schoolSelf", roles: ["SCHOOL"], menu: true } },
      { path: "school/results", name: "school-results", component: () => import("../views/school/ResultsPage.vue"),
        meta: { title: "menu.schoolResults", roles: ["SCHOOL"], menu: true } },
      // district: its groups (the workbench), a group's review side by side, its audit trail
      {
        path: "district", name: "district", component: () => import("../views/district/GroupsPage.vue"),
        meta: { title: "menu.districtGroups", roles: ["DISTRICT"], menu: true },
      },
      { path: "district/groups", redirect: "/district" },
      {
        path: "district/groups/:groupId", name: "district-review", component: () => import("../views/district/ReviewPage.vue"),
        props: true, meta: { title: "menu.districtReview", roles: ["DISTRICT"] },
      },
      {
        path: "district/groups/:groupId/audit", name: "district-audit", component: () => import("../views/district/AuditPage.vue"),
        props: true, meta: { title: "menu.districtAudit", roles: ["DISTRICT"] },
      },
      // city: its workbench, the years, their participants, panels and ranking
      { path: "city", name: "city", component: workbench, meta: { title: "menu.workbench", roles: ["CITY"], menu: true } },
      {
        path: "city/cycles", name: "city-cycles", component: () => import("../views/city/CyclesPage.vue"),
        meta: { title: "menu.cityCycles", roles: ["CITY"], menu: true },
      },
      {
        path: "city/cycles/new", name: "city-cycle-new", component: () => import("../views/city/CycleEditPage.vue"),
        meta: { title: "menu.cityCycleNew", roles: ["CITY"] },
      },
      {
        path: "city/cycles/:year(\\d{4})/edit", name: "city-cycle-edit", component: () => import("../views/city/CycleEditPage.vue"),
        props: true, meta: { title: "menu.cityCycleEdit", roles: ["CITY"] },
      },
      {
        path: "city/cycles/:year(\\d{4})/participants", name: "city-participants",
        component: () => import("../views/city/ParticipantsPage.vue"),
        props: true, meta: { title: "menu.cityParticipants", roles: ["CITY"] },
      },
      {
        path: "city/cycles/:year(\\d{4})/panels", name: "city-panels", component: () => import("../views/city/PanelsPage.vue"),
        props: true, meta: { title: "menu.cityPanels", roles: ["CITY"] },
      },
      {
        path: "city/cycles/:year(\\d{4})/ranking", name: "city-ranking", component: () => import("../views/city/RankingPage.vue"),
        props: true, meta: { title: "menu.cityRanking", roles: ["CITY"] },
      },
      // expert: the assignments and conflicts (the workbench), a group's expert sheet
      {
        path: "expert", name: "expert", component: () => import("../views/expert/AssignmentsPage.vue"),
        meta: { title: "menu.expertAssignments", roles: ["EXPERT"], menu: true },
      },
      {
        path: "expert/groups/:groupId", name: "expert-sheet", component: () => import("../views/expert/ExpertSheetPage.vue"),
        props: true, meta: { title: "menu.expertSheet", roles: ["EXPERT"] },
      },
      // progress and results: the city's, and a district's own (the same pages; the API answers what each may read)
      {
        path: "city/progress", name: "city-progress", component: () => import("../views/city/ProgressPage.vue"),
        meta: { title: "menu.progress", roles: ["CITY"], menu: true },
      },
      {
        path: "city/results", name: "city-results", component: () => import("../views/city/ResultsPage.vue"),
        meta: { title: "menu.results", roles: ["CITY"], menu: true },
      },
      {
        path: "district/progress", name: "district-progress", component: () => import("../views/city/ProgressPage.vue"),
        meta: { title: "menu.progress", roles: ["DISTRICT"], menu: true },
      },
      {
        path: "district/results", name: "district-results", component: () => import("../views/city/ResultsPage.vue"),
        meta: { title: "menu.results", roles: ["DISTRICT"], menu: true },
      },
      { path: ":rest(.*)*", name: "not-found", component: () => import("../views/common/NotFoundPage.vue"), meta: { title: "notFound.title" } },
    ],
  },
];

export const router = createRouter({ history: createWebHistory(), routes });

router.beforeEach(async (to) => {
  const session = useSession();
  await session.load();
  if (to.name === "home") {
    if (!session.signedIn) {
      return { name: "signin" };
    }
    return session.identity ? HOME_BY_ROLE[session.identity.role] : { name: "no-access" };
  }
  const roles = to.meta.roles;
  if (!roles) {
    return true;
  }
  if (!session.signedIn) {
    return { name: "signin", query: { returnTo: to.fullPath } };
  }
  if (!session.identity) {
    return { name: "no-access" };
  }
  // another role's page: its own workbench instead (the menu never offers it)
  return roles.includes(session.identity.role) ? true : HOME_BY_ROLE[session.identity.role];
});
