# Linking service providers to their sign-in accounts (讲师、调解员账号关联), the admin page /admin/service-providers.
S.update({
    'Nav.ProviderLinks': ('服务提供者账号', 'Provider accounts'),
    'ProviderLinks.Title': ('服务提供者账号关联', 'Service provider accounts'),
    'ProviderLinks.Explain': ('为每位讲师、调解员、税务辅导员关联其本人的登录账号，由本人在“我的服务订单”中接单、拒单并登记开展情况。只能关联具有“服务提供者”角色、且未关联其他提供者的账号。', 'Link each lecturer, mediator or tax tutor to their own sign-in account, so they confirm, decline and record their orders under "My service orders". Only accounts holding the service-provider role and serving no other provider can be linked.'),
    'ProviderLinks.Provider': ('服务提供者', 'Provider'),
    'ProviderLinks.Organisation': ('所属单位', 'Organisation'),
    'ProviderLinks.Account': ('登录账号', 'Sign-in account'),
    'ProviderLinks.None': ('（不关联）', '(none)'),
    'ProviderLinks.Change': ('修改关联', 'Change'),
    'ProviderLinks.NoProviders': ('尚无服务提供者', 'No service providers yet'),
    'ProviderLinks.Saved': ('已保存 {0} 的账号关联', 'Saved the account of {0}'),
})
