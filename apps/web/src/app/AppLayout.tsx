import { LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Grid, Layout, Menu, Space, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { signOut } from '../api/session';
import { PageSpinner } from '../shared/PageSpinner';
import type { NavItem } from './nav';
import { useMe } from './me';
import { NotificationBell } from '../pages/department/notifications/NotificationBell';

// The navigation drawer of a narrow screen loads when it is first opened.
const Drawer = lazy(() => import('antd/es/drawer'));

const ROLE_NAMES: Record<string, string> = {
  admin: '系统管理员',
  'command-center': '指挥部',
  department: '责任单位',
  leadership: '领导小组',
  inspector: '督查组',
};

/** The frame of every signed-in page: navigation by role, the person, the bell, sign-out. */
export function AppLayout({ nav }: { nav: NavItem[] }) {
  const { me, access } = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const screens = Grid.useBreakpoint();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [drawerUsed, setDrawerUsed] = useState(false);
  const items = nav
    .filter((item) => item.visible(access))
    .map((item) => ({ key: item.path, icon: item.icon, label: item.label }));
  const selected = items
    .map((item) => item.key)
    .filter((key) => location.pathname === key || location.pathname.startsWith(`${key}/`))
    .sort((a, b) => b.length - a.length)
    .slice(0, 1);
  const menu = (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={selected}
      onClick={({ key }) => {
        setDrawerOpen(false);
        void navigate(key);
      }}
    />
  );
  const narrow = !screens.md;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!narrow && (
        <Layout.Sider width={208} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
          <div style={{ padding: '16px 20px', fontWeight: 600 }}>攻坚行动指挥平台</div>
          <nav aria-label="主导航">{menu}</nav>
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            padding: narrow ? '0 12px' : '0 24px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          <Space>
            {narrow && (
              <Button
                aria-label="打开导航"
                icon={<MenuOutlined />}
                onClick={() => {
                  setDrawerUsed(true);
                  setDrawerOpen(true);
                }}
              />
            )}
            {narrow && <Typography.Text strong>攻坚行动指挥平台</Typography.Text>}
          </Space>
          <Space size={narrow ? 'small' : 'middle'}>
            <NotificationBell />
            {!narrow && me && (
              <Typography.Text>
                {me.displayName}（{me.roles.map((role) => ROLE_NAMES[role] ?? role).join('、')}）
              </Typography.Text>
            )}
            <Button
              icon={<LogoutOutlined />}
              onClick={() => {
                void signOut().then(() => {
                  queryClient.clear();
                  void navigate('/login');
                });
              }}
            >
              {narrow ? '' : '退出'}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: narrow ? 12 : 24, minWidth: 0 }}>
          <main>
            <Suspense fallback={<PageSpinner />}>
              <Outlet />
            </Suspense>
          </main>
        </Layout.Content>
      </Layout>
      {drawerUsed && (
        <Suspense fallback={null}>
          <Drawer
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            width={240}
            title="导航"
          >
            {menu}
          </Drawer>
        </Suspense>
      )}
    </Layout>
  );
}
