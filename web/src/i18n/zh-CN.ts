// 中文（默认）。Keys are grouped by page; a page adds its own group (docs/web.md, "Adding a page").
export default {
  app: { title: "教育集团年度考核评价", skip: "跳到主要内容" },
  common: {
    loading: "加载中…", save: "保存", cancel: "取消", edit: "修改", reload: "重新加载", back: "返回",
    add: "添加", remove: "删除", yes: "是", no: "否", requestId: "请求编号", error: "出错了",
  },
  shell: {
    menu: "导航菜单", language: "语言", signOut: "退出登录", user: "当前用户", role: "角色",
    breadcrumb: "当前位置", home: "首页",
  },
  roles: { SCHOOL: "学校", DISTRICT: "区县教育局", CITY: "市教育局", EXPERT: "评审专家" },
  menu: {
    workbench: "工作台", myGroup: "我的集团",
  },
  signin: {
    title: "登录", lead: "请使用教育局统一身份认证登录本系统。", button: "登录", failed: "登录未完成：{reason}",
    configFailed: "无法读取系统配置（config.json），请联系管理员。",
  },
  callback: { working: "正在完成登录…", failed: "登录未完成：{reason}", retry: "重新登录" },
  signedOut: { title: "您已退出登录", lead: "为保护数据安全，请关闭浏览器窗口。", again: "重新登录" },
  noAccess: {
    title: "账号缺少所需的授权信息",
    lead: "您已登录，但身份凭证中缺少本系统需要的信息，暂时无法使用。请联系教育局的系统管理员为您的账号配置：",
    role: "角色（role）：学校、区县教育局、市教育局或评审专家之一",
    school: "学校代码（school）：学校账号必须填写",
    district: "区县代码（district）：区县账号必须填写 6 位代码",
    sub: "用户标识（sub）",
    signOut: "退出并换一个账号登录",
  },
  notFound: { title: "页面不存在", lead: "您访问的页面不存在或已移动。", home: "返回首页" },
  workbench: {
    title: "工作台", welcome: "欢迎，{name}", school: "学校代码", district: "区县代码", pages: "可用功能",
  },
  problems: { schoolTaken: "学校 {school} 已属于集团 {group}" },
  group: {
    title: "我的集团", register: "登记教育集团", registerLead: "本校作为核心校登记所在的教育集团。",
    name: "集团名称", type: "组建类型", district: "所属区县代码", coreSchool: "核心校", memberSchools: "成员校",
    code: "学校代码", schoolName: "学校名称", contact: "联系人", contactName: "姓名", phone: "电话", email: "电子邮箱",
    addMember: "添加成员校", removeMember: "删除成员校 {n}", member: "成员校 {n}", groupId: "集团编号",
    createdAt: "登记时间", updatedAt: "最近修改", version: "版本", saved: "已保存", registered: "集团已登记",
    forbiddenTitle: "无法查看此集团", forbiddenLead: "您无权查看此集团，或该集团不存在。",
    openHolder: "打开本校已登记的集团",
    conflictTitle: "其他人已修改此集团",
    conflictLead: "在您编辑期间，此集团已被修改（版本 {from} → {to}）。以下是对方的修改；重新加载后您的未保存修改将丢失。",
    field: "项目", before: "您打开时", after: "现在",
    noChanges: "内容相同（仅版本变化）",
    types: {
      INTEGRATED: "一体型", TRUSTEESHIP: "托管型", COLLABORATIVE: "协作型", CLOSE: "紧密型", ALLIANCE: "联盟型",
      PROJECT: "项目型", PARTNERSHIP: "合作型",
    },
    rules: {
      name: "请填写集团名称（1–100 个字）", type: "请选择组建类型", district: "区县代码为 6 位数字",
      code: "学校代码为 1–20 位字母或数字", schoolName: "请填写学校名称（1–100 个字）",
      members: "至少 1 所、至多 60 所成员校", duplicate: "学校代码重复", coreIsMember: "核心校不能同时是成员校",
      contactName: "姓名至多 100 个字", phone: "电话为 5–30 位数字，可含 + - ( ) 空格", email: "请填写有效的电子邮箱",
    },
  },
} as const;
