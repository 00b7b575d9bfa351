import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 母工厂 + 复制推广: replication packages, checklists, rollouts; the gradient
 * programme's assessment criteria (reference data, readable by everybody) and
 * self-assessments; the organization's current gradient level.
 *
 * Visibility: packages, checklists and rollouts belong to the anchor; a
 * supplier reads the rollouts made to it and those packages, and writes only
 * the progress columns of its own rollouts. An organization's assessments are
 * its own; an anchor also reads its suppliers'.
 */
export class Replication1764662400000 implements MigrationInterface {
  name = 'Replication1764662400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE gradient_level AS ENUM ('BASIC', 'ADVANCED', 'EXCELLENT', 'NAVIGATOR')`);
    await q.query(`CREATE TYPE package_status AS ENUM ('DRAFT', 'PUBLISHED', 'ARCHIVED')`);
    await q.query(`CREATE TYPE rollout_status AS ENUM ('NOT_STARTED', 'IN_PROGRESS', 'COMPLETED')`);
    await q.query(`ALTER TABLE organizations ADD COLUMN gradient_level gradient_level`);
    await q.query(`GRANT UPDATE (gradient_level) ON organizations TO anchorlink_app`);

    await q.query(`
      CREATE TABLE replication_packages (
        id                            uuid NOT NULL DEFAULT gen_random_uuid(),
        owner_org_id                  uuid NOT NULL,
        title                         varchar(200) NOT NULL,
        summary                       text NOT NULL,
        target_level                  gradient_level NOT NULL,
        status                        package_status NOT NULL DEFAULT 'DRAFT',
        required_standard_version_ids uuid[] NOT NULL DEFAULT '{}',
        created_at                    timestamptz NOT NULL DEFAULT now(),
        updated_at                    timestamptz NOT NULL DEFAULT now(),
        published_at                  timestamptz,
        CONSTRAINT replication_packages_pkey PRIMARY KEY (id),
        CONSTRAINT replication_packages_owner_org_id_fkey FOREIGN KEY (owner_org_id) REFERENCES organizations (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX replication_packages_owner_idx ON replication_packages (owner_org_id)`);
    await q.query(`
      CREATE TABLE checklist_items (
        id                uuid NOT NULL DEFAULT gen_random_uuid(),
        package_id        uuid NOT NULL,
        owner_org_id      uuid NOT NULL,
        position          integer NOT NULL,
        title             varchar(200) NOT NULL,
        description       text,
        evidence_required boolean NOT NULL,
        CONSTRAINT checklist_items_pkey PRIMARY KEY (id),
        CONSTRAINT checklist_items_package_position_key UNIQUE (package_id, position),
        CONSTRAINT checklist_items_package_id_fkey FOREIGN KEY (package_id) REFERENCES replication_packages (id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE rollouts (
        id              uuid NOT NULL DEFAULT gen_random_uuid(),
        package_id      uuid NOT NULL,
        anchor_org_id   uuid NOT NULL,
        supplier_org_id uuid NOT NULL,
        status          rollout_status NOT NULL DEFAULT 'NOT_STARTED',
        created_at      timestamptz NOT NULL DEFAULT now(),
        started_at      timestamptz,
        completed_at    timestamptz,
        CONSTRAINT rollouts_pkey PRIMARY KEY (id),
        CONSTRAINT rollouts_package_supplier_key UNIQUE (package_id, supplier_org_id),
        CONSTRAINT rollouts_package_id_fkey FOREIGN KEY (package_id) REFERENCES replication_packages (id) ON DELETE CASCADE,
        CONSTRAINT rollouts_supplier_org_id_fkey FOREIGN KEY (supplier_org_id) REFERENCES organizations (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX rollouts_supplier_idx ON rollouts (supplier_org_id)`);
    await q.query(`
      CREATE TABLE rollout_items (
        rollout_id      uuid NOT NULL,
        item_id         uuid NOT NULL,
        anchor_org_id   uuid NOT NULL,
        supplier_org_id uuid NOT NULL,
        done            boolean NOT NULL DEFAULT false,
        evidence        text,
        completed_at    timestamptz,
        CONSTRAINT rollout_items_pkey PRIMARY KEY (rollout_id, item_id),
        CONSTRAINT rollout_items_rollout_id_fkey FOREIGN KEY (rollout_id) REFERENCES rollouts (id) ON DELETE CASCADE,
        CONSTRAINT rollout_items_item_id_fkey FOREIGN KEY (item_id) REFERENCES checklist_items (id) ON DELETE CASCADE
      )`);

    await q.query(`
      CREATE TABLE assessment_criteria (
        id       uuid NOT NULL,
        level    gradient_level NOT NULL,
        area     varchar(32) NOT NULL,
        position integer NOT NULL,
        text_zh  text NOT NULL,
        text_en  text NOT NULL,
        CONSTRAINT assessment_criteria_pkey PRIMARY KEY (id)
      )`);
    // Written from the programme's conditions (六部门《智能工厂梯度培育要素条件》2025 版), five scenario areas × four levels.
    await q.query(`
      INSERT INTO assessment_criteria (id, level, area, position, text_zh, text_en) VALUES
      ('a55e55e0-0000-4000-8000-000000000001', 'BASIC', 'FACTORY_BUILD', 1, '关键工序设备实现联网，运行数据自动采集', 'Key process equipment is networked and its operating data are collected automatically'),
      ('a55e55e0-0000-4000-8000-000000000002', 'BASIC', 'FACTORY_BUILD', 2, '工业网络覆盖主要车间，具备基础信息安全防护', 'An industrial network covers the main workshops, with basic information security protection'),
      ('a55e55e0-0000-4000-8000-000000000003', 'BASIC', 'RND_DESIGN', 3, '产品图纸与工艺文件实现电子化管理', 'Product drawings and process documents are managed electronically'),
      ('a55e55e0-0000-4000-8000-000000000004', 'BASIC', 'PRODUCTION_OPERATIONS', 4, '建立生产数据台账，工单、产量与质量数据可追溯', 'A production data ledger is kept: work orders, output and quality data are traceable'),
      ('a55e55e0-0000-4000-8000-000000000005', 'BASIC', 'PRODUCTION_MANAGEMENT', 5, '应用信息系统编制生产计划并管理物料', 'Production plans are drawn up and materials managed in an information system'),
      ('a55e55e0-0000-4000-8000-000000000006', 'BASIC', 'OPERATIONS_MANAGEMENT', 6, '采购、销售、库存业务实现信息化管理', 'Purchasing, sales and inventory are run in information systems'),
      ('a55e55e0-0000-4000-8000-000000000007', 'BASIC', 'OPERATIONS_MANAGEMENT', 7, '采用统一的物料编码与计量单位标准', 'Uniform part numbering and unit-of-measure standards are in use'),
      ('a55e55e0-0000-4000-8000-000000000008', 'ADVANCED', 'FACTORY_BUILD', 8, '车间级数据平台汇聚设备、质量与能耗数据', 'A workshop data platform brings together equipment, quality and energy data'),
      ('a55e55e0-0000-4000-8000-000000000009', 'ADVANCED', 'RND_DESIGN', 9, '应用 PLM 实现设计数据与工艺数据协同', 'PLM keeps design data and process data in step'),
      ('a55e55e0-0000-4000-8000-000000000010', 'ADVANCED', 'PRODUCTION_OPERATIONS', 10, '应用 MES 实现工单下达、报工与质量检验闭环', 'MES closes the loop of work orders, production reporting and quality inspection'),
      ('a55e55e0-0000-4000-8000-000000000011', 'ADVANCED', 'PRODUCTION_OPERATIONS', 11, '关键设备实现状态监测与预防性维护', 'Key equipment has condition monitoring and preventive maintenance'),
      ('a55e55e0-0000-4000-8000-000000000012', 'ADVANCED', 'PRODUCTION_MANAGEMENT', 12, 'MES、ERP、PLM 等系统集成互通', 'MES, ERP, PLM and related systems are integrated with each other'),
      ('a55e55e0-0000-4000-8000-000000000013', 'ADVANCED', 'OPERATIONS_MANAGEMENT', 13, '跨部门产销数据集成，支撑订单交付协同', 'Production and sales data are integrated across departments to coordinate order delivery'),
      ('a55e55e0-0000-4000-8000-000000000014', 'ADVANCED', 'OPERATIONS_MANAGEMENT', 14, '与链主企业在线协同订单与需求预测', 'Orders and demand forecasts are exchanged online with the anchor'),
      ('a55e55e0-0000-4000-8000-000000000015', 'EXCELLENT', 'FACTORY_BUILD', 15, '建成产线级数字孪生，支持虚拟调试与仿真优化', 'A digital twin of the line supports virtual commissioning and simulation-based optimisation'),
      ('a55e55e0-0000-4000-8000-000000000016', 'EXCELLENT', 'RND_DESIGN', 16, '应用仿真与数字样机缩短研发周期', 'Simulation and digital prototypes shorten development cycles'),
      ('a55e55e0-0000-4000-8000-000000000017', 'EXCELLENT', 'PRODUCTION_OPERATIONS', 17, '应用机器视觉等人工智能技术开展在线质量检测', 'AI such as machine vision inspects quality in line'),
      ('a55e55e0-0000-4000-8000-000000000018', 'EXCELLENT', 'PRODUCTION_OPERATIONS', 18, '基于数据模型开展设备预测性维护', 'Data models drive predictive maintenance of equipment'),
      ('a55e55e0-0000-4000-8000-000000000019', 'EXCELLENT', 'PRODUCTION_MANAGEMENT', 19, '应用高级计划排程（APS）动态优化生产计划', 'Advanced planning and scheduling (APS) optimises production plans dynamically'),
      ('a55e55e0-0000-4000-8000-000000000020', 'EXCELLENT', 'PRODUCTION_MANAGEMENT', 20, '质量数据全流程追溯并开展根因分析', 'Quality data are traced end to end, with root-cause analysis'),
      ('a55e55e0-0000-4000-8000-000000000021', 'EXCELLENT', 'OPERATIONS_MANAGEMENT', 21, '实现供应链风险预警与能耗精细化管理', 'Supply-chain risks are flagged early and energy use is managed in detail'),
      ('a55e55e0-0000-4000-8000-000000000022', 'NAVIGATOR', 'FACTORY_BUILD', 22, '建成工厂全要素数字孪生，支持自主决策', 'A digital twin of the whole factory supports autonomous decisions'),
      ('a55e55e0-0000-4000-8000-000000000023', 'NAVIGATOR', 'FACTORY_BUILD', 23, '产品全生命周期碳足迹核算与绿色低碳运行', 'Carbon footprints are accounted over the whole product lifecycle, with green, low-carbon operation'),
      ('a55e55e0-0000-4000-8000-000000000024', 'NAVIGATOR', 'RND_DESIGN', 24, '应用人工智能开展产品与工艺智能研发', 'AI drives product and process research and development'),
      ('a55e55e0-0000-4000-8000-000000000025', 'NAVIGATOR', 'PRODUCTION_OPERATIONS', 25, '生产过程实现自适应控制与无人化作业', 'Production runs with adaptive control and unmanned operation'),
      ('a55e55e0-0000-4000-8000-000000000026', 'NAVIGATOR', 'PRODUCTION_MANAGEMENT', 26, '应用大模型等人工智能技术实现生产管理智能决策', 'AI including large models makes production management decisions'),
      ('a55e55e0-0000-4000-8000-000000000027', 'NAVIGATOR', 'OPERATIONS_MANAGEMENT', 27, '搭建覆盖上下游的供应链协同平台，带动配套企业数字化转型', 'A supply-chain collaboration platform spans upstream and downstream and lifts suppliers'' digital transformation'),
      ('a55e55e0-0000-4000-8000-000000000028', 'NAVIGATOR', 'OPERATIONS_MANAGEMENT', 28, '探索个性化定制、共享制造等未来制造新模式', 'Future manufacturing models such as mass customisation and shared manufacturing are explored')`);
    await q.query(`
      CREATE TABLE maturity_assessments (
        id                uuid NOT NULL DEFAULT gen_random_uuid(),
        org_id            uuid NOT NULL,
        submitted_at      timestamptz NOT NULL DEFAULT now(),
        submitted_by      uuid,
        level             gradient_level,
        scenario_count    integer NOT NULL,
        ai_scenario_count integer NOT NULL,
        maturity_level    integer,
        answers           jsonb NOT NULL,
        gaps              jsonb NOT NULL,
        CONSTRAINT maturity_assessments_pkey PRIMARY KEY (id),
        CONSTRAINT maturity_assessments_org_id_fkey FOREIGN KEY (org_id) REFERENCES organizations (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX maturity_assessments_org_idx ON maturity_assessments (org_id, submitted_at)`);

    await q.query(`GRANT SELECT ON assessment_criteria TO anchorlink_app`);
    await q.query(
      `GRANT SELECT, INSERT ON replication_packages, checklist_items, rollouts, rollout_items, maturity_assessments TO anchorlink_app`,
    );
    await q.query(`GRANT UPDATE (status, updated_at, published_at) ON replication_packages TO anchorlink_app`);
    await q.query(`GRANT UPDATE (status, started_at, completed_at) ON rollouts TO anchorlink_app`);
    await q.query(`GRANT UPDATE (done, evidence, completed_at) ON rollout_items TO anchorlink_app`);

    for (const table of ['replication_packages', 'checklist_items', 'rollouts', 'rollout_items', 'maturity_assessments']) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
    }
    for (const table of ['replication_packages', 'checklist_items']) {
      await q.query(`
        CREATE POLICY ${table}_owner ON ${table} FOR ALL TO anchorlink_app
          USING (owner_org_id = app_current_org()) WITH CHECK (owner_org_id = app_current_org())`);
    }
    await q.query(`
      CREATE POLICY replication_packages_rolled_out ON replication_packages FOR SELECT TO anchorlink_app
        USING (EXISTS (SELECT 1 FROM rollouts r WHERE r.package_id = replication_packages.id AND r.supplier_org_id = app_current_org()))`);
    await q.query(`
      CREATE POLICY checklist_items_rolled_out ON checklist_items FOR SELECT TO anchorlink_app
        USING (EXISTS (SELECT 1 FROM rollouts r WHERE r.package_id = checklist_items.package_id AND r.supplier_org_id = app_current_org()))`);
    for (const table of ['rollouts', 'rollout_items']) {
      await q.query(`
        CREATE POLICY ${table}_anchor ON ${table} FOR ALL TO anchorlink_app
          USING (anchor_org_id = app_current_org()) WITH CHECK (anchor_org_id = app_current_org())`);
      await q.query(`
        CREATE POLICY ${table}_supplier_read ON ${table} FOR SELECT TO anchorlink_app USING (supplier_org_id = app_current_org())`);
      await q.query(`
        CREATE POLICY ${table}_supplier_progress ON ${table} FOR UPDATE TO anchorlink_app
          USING (supplier_org_id = app_current_org()) WITH CHECK (supplier_org_id = app_current_org())`);
    }
    await q.query(`
      CREATE POLICY maturity_assessments_own ON maturity_assessments FOR ALL TO anchorlink_app
        USING (org_id = app_current_org()) WITH CHECK (org_id = app_current_org())`);
    await q.query(`
      CREATE POLICY maturity_assessments_anchor ON maturity_assessments FOR SELECT TO anchorlink_app
        USING (EXISTS (SELECT 1 FROM partnerships p WHERE p.anchor_org_id = app_current_org() AND p.supplier_org_id = maturity_assessments.org_id))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE maturity_assessments, assessment_criteria, rollout_items, rollouts, checklist_items, replication_packages`);
    await q.query(`ALTER TABLE organizations DROP COLUMN gradient_level`);
    await q.query(`DROP TYPE rollout_status, package_status, gradient_level`);
  }
}
